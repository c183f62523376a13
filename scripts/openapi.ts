/**
 * `npm run openapi [-- <file>]`: writes the API's OpenAPI 3.1 document (the one
 * `GET /api/openapi.json` serves, built from functions/routes.ts and the zod schemas) to the
 * file, or to stdout — for client generators and API tools, without a running cloud.
 */
import { writeFile } from 'node:fs/promises';
import { openApiDocument } from '../functions/api-docs/openapi-document.ts';

const text = `${JSON.stringify(openApiDocument(), null, 2)}\n`;
const [file] = process.argv.slice(2);
if (file) {
  await writeFile(file, text);
  console.error(`OpenAPI document written to ${file}`);
} else {
  process.stdout.write(text);
}

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The local cloud's build (`--mode local-cloud`, into `dist-local/`, served by `npm start`):
 * the only build with the Stripe emulator's test card form. The default build (`dist/`) is
 * what CDK deploys.
 */
export const localCloudMode = 'local-cloud';

export default defineConfig(({ mode }) => ({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: mode === localCloudMode ? 'dist-local' : 'dist', emptyOutDir: true },
}));

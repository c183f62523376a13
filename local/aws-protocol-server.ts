import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { AwsServiceError } from './aws-errors.ts';
import { PayloadTooLargeError, sendJson } from './http-util.ts';

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * An HTTP server for an AWS stand-in: every failure becomes an AWS-shaped error the SDK can
 * parse, so a client sees `ResourceNotFoundException`, never a dropped connection.
 */
export function createAwsProtocolServer(service: string, listener: RequestListener): Server {
  return createServer((req, res) => {
    listener(req, res).catch((error: unknown) => {
      const awsError = toAwsError(error);
      if (awsError.statusCode >= 500) {
        console.error(`[${service}] internal error:`, error);
      }
      if (res.headersSent) {
        res.end();
        return;
      }
      sendJson(
        res,
        awsError.statusCode,
        { __type: awsError.code, code: awsError.code, message: awsError.message },
        { 'x-amzn-errortype': awsError.code },
      );
    });
  });
}

function toAwsError(error: unknown): AwsServiceError {
  if (error instanceof AwsServiceError) return error;
  if (error instanceof PayloadTooLargeError) {
    return new AwsServiceError('ValidationException', error.message, 413);
  }
  if (error instanceof SyntaxError) {
    return new AwsServiceError('SerializationException', 'Request body is not valid JSON.');
  }
  return new AwsServiceError('InternalServerException', 'Local stand-in failed.', 500);
}

/** Starts listening on 127.0.0.1, turning a taken port into one clear message. */
export function listen(server: Server, port: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `${what} cannot start: port ${port} on 127.0.0.1 is taken. Stop whatever uses it or set CALLSANTA_PORT to another base port.`,
            )
          : error,
      );
    };
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve();
    });
  });
}

export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

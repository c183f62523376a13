/**
 * An error a local AWS stand-in answers with, in the shape the AWS SDK turns back into the
 * service's named exception (`__type` for JSON protocols, `x-amzn-errortype` for REST-JSON).
 */
export class AwsServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = code;
  }
}

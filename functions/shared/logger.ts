import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One logger for every handler. Log ids only: names, phone numbers, emails and transcripts of
 * children and parents never go to logs.
 */
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'callsanta',
});

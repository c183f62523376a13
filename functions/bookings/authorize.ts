import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { readSecret } from '../config/secrets.ts';
import { isValidAccessToken } from '../core/access-token.ts';
import { NotFoundError } from '../core/errors.ts';
import { type Booking, findBooking } from '../data/bookings.ts';
import { bearerToken, pathParameter } from '../shared/request.ts';

/**
 * The booking a request may see: the path's call id with its access token. A wrong, missing
 * or foreign token answers exactly like an unknown id, so nothing leaks about other bookings.
 */
export async function authorizedBooking(event: APIGatewayProxyEventV2): Promise<Booking> {
  const bookingId = pathParameter(event, 'callId');
  const token = bearerToken(event);
  const { signingKey: accessTokenSecret } = await readSecret('access-token');
  const notFound = new NotFoundError('No booking matches this link.');
  if (!token || !/^[0-9A-Z]{26}$/.test(bookingId)) throw notFound;
  if (!isValidAccessToken(bookingId, token, accessTokenSecret)) throw notFound;
  const booking = await findBooking(bookingId);
  if (!booking) throw notFound;
  return booking;
}

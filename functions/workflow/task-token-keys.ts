/** Key of the task-token item that lets a call's outcome resume the booking workflow. */
export function callTokenKey(bookingId: string): { pk: string; sk: string } {
  return { pk: `TOKEN#call#${bookingId}`, sk: 'TOKEN' };
}

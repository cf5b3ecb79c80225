/** The cold-start floor of any function: a handler that loads nothing. */
export async function handler() {
  return { statusCode: 200, body: 'hello' };
}

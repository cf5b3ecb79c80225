import { monotonicFactory } from 'ulid';

/** Time and identity are injected so seeds can write dated content and tests can control time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export type IdFactory = (at: Date) => string;

/** ULIDs: sortable by creation time, as API.md promises. Monotonic within one process. */
export function ulidFactory(): IdFactory {
  const next = monotonicFactory();
  return (at) => next(at.getTime());
}

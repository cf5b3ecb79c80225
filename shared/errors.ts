/**
 * Typed domain errors. Services throw these; `shared/http/problem.ts` is the one place that turns
 * them into RFC 9457 problem documents, so no handler decides a status code on its own.
 */
export interface FieldError {
  path: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly status: number;
  /** Short, stable slug used for the problem `type`. */
  abstract readonly kind: string;
  abstract readonly title: string;
  /** Per-field detail, for 400 (query) and 422 (body). */
  errors?: FieldError[];
}

function domainError(status: number, kind: string, title: string) {
  return class extends DomainError {
    readonly status = status;
    readonly kind = kind;
    readonly title = title;
  };
}

export class BadRequestError extends domainError(400, 'bad-request', 'Bad request') {}
export class UnauthorizedError extends domainError(401, 'unauthorized', 'Unauthorized') {}
export class ForbiddenError extends domainError(403, 'forbidden', 'Forbidden') {}
export class NotFoundError extends domainError(404, 'not-found', 'Not found') {}
/**
 * An address that moved for good (an article's old slug, docs/slugs.md): 301 for reads, 308 for a
 * write, which keeps its method and body. `location` is the path to use instead.
 */
export class MovedError extends DomainError {
  readonly kind = 'moved';
  readonly title = 'Moved permanently';
  constructor(
    message: string,
    readonly location: string,
    readonly status: 301 | 308 = 301,
  ) {
    super(message);
  }
}
export class ConflictError extends domainError(409, 'conflict', 'Conflict') {}
export class PreconditionFailedError extends domainError(412, 'precondition-failed', 'Precondition failed') {}
export class PayloadTooLargeError extends domainError(413, 'payload-too-large', 'Payload too large') {}
export class UnsupportedMediaTypeError extends domainError(
  415,
  'unsupported-media-type',
  'Unsupported media type',
) {}
export class PreconditionRequiredError extends domainError(
  428,
  'precondition-required',
  'Precondition required',
) {}

/** A renamed section or tag: its old slug answers with where it went (Location). */
export class ValidationError extends domainError(422, 'validation-error', 'Validation failed') {
  constructor(message: string, errors: FieldError[]) {
    super(message);
    this.errors = errors;
  }
}

export class TooManyRequestsError extends domainError(429, 'too-many-requests', 'Too many requests') {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

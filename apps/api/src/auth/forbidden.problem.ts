import { ProblemException } from '../problem-details/problem';

/**
 * The 403 for a signed-in caller without the right: `throw forbidden('Only the secretariat of
 * trondheimsregionen may launch rounds.')`. Where even the 403 would tell that an object exists,
 * answer 404 instead (API.md).
 */
export function forbidden(detail: string): ProblemException {
  return ProblemException.of(403, 'forbidden', 'Forbidden', detail);
}

import { Injectable } from '@nestjs/common';
import { Actor } from '@app/identity';
import { personKey } from '../security/person-key';

/**
 * Open streams per person (issuer and subject) in this api process. A dashboard follows one
 * council per tab; more than a handful at once is a leak or an attack, and each stream holds a
 * socket and a subscription here. Counted per process rather than in Redis: it is this process's
 * sockets that are protected, and a count in memory dies with the streams it counts.
 */
@Injectable()
export class LiveStreams {
  static readonly MAX_PER_PERSON = 5;
  private readonly open = new Map<string, number>();

  /** Counts one more stream for the person and returns its release (safe to call twice); null when they have the most allowed. */
  acquire(actor: Actor): (() => void) | null {
    const key = personKey(actor);
    const count = this.open.get(key) ?? 0;
    if (count >= LiveStreams.MAX_PER_PERSON) return null;
    this.open.set(key, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(key) ?? 1) - 1;
      if (left > 0) this.open.set(key, left);
      else this.open.delete(key);
    };
  }

  /** How many streams are open in all. */
  count(): number {
    return [...this.open.values()].reduce((sum, count) => sum + count, 0);
  }
}

import { NoticeContent, NoticeRequest } from './notice';
import { Recipient } from './recipients';

/** A member of a round, as its clerks' notices name it. */
export interface NoticedMember {
  municipalityNumber: string;
  name: string;
}

/**
 * A notice to each clerk of each of the members (`clerks` as `clerksOfEach` gives them): `about`
 * gives each member's topic and what its notice says; the key is the topic and the clerk.
 */
export function noticesToClerks<M extends NoticedMember>(
  clerks: Map<string, Recipient[]>,
  round: { id: string; councilId: string },
  members: readonly M[],
  about: (member: M) => [topic: string, content: NoticeContent],
): NoticeRequest[] {
  return members.flatMap((member) => {
    const [topic, content] = about(member);
    return (clerks.get(member.municipalityNumber) ?? []).map((clerk) => ({
      key: `${topic}/${clerk.userId}`,
      userId: clerk.userId,
      municipalityNumber: clerk.municipalityNumber,
      councilId: round.councilId,
      roundId: round.id,
      content,
      link: `/app/rounds/${round.id}`,
    }));
  });
}

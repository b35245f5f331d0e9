import { createHash } from 'node:crypto';
import ical, { ICalEventStatus, ICalEventTransparency, escape } from 'ical-generator';
import { DateTime } from 'luxon';
import { CalendarFeedView } from '@app/application';
import { OSLO_ZONE } from '@app/domain';

// How often calendar apps that honour REFRESH-INTERVAL / X-PUBLISHED-TTL fetch the feed again.
const REFRESH_SECONDS = 3600;
/** Change whenever renderCalendar would write the same feed differently: the ETag is taken from the feed, not from the bytes. */
const RENDERING = 'rfc5545/2';

/**
 * The feed's entity tag. Taken from what the feed says rather than from the written bytes, so
 * that a calendar app's conditional fetch is answered 304 without writing the feed at all (the
 * costly part: the text is folded octet by octet). The same feed is always written the same.
 */
export function calendarEtag(feed: CalendarFeedView): string {
  return `"${createHash('sha256').update(RENDERING).update(JSON.stringify(feed)).digest('base64url').slice(0, 32)}"`;
}

/**
 * Writes a feed as an RFC 5545 iCalendar object. Every entry is an all-day event on its date in
 * Europe/Oslo (a deadline runs out at 23:59:59 that day), with an explicit DTEND the day after
 * for the calendar apps that show an all-day event without one as lasting no time.
 */
export function renderCalendar(feed: CalendarFeedView): string {
  const calendar = ical({
    prodId: { company: 'vedtaksrunde', product: 'calendar-feed', language: 'NB' },
    // ical-generator writes the calendar's name and description unescaped; events it escapes itself.
    name: escape(feed.name, false),
    description: escape(feed.description, false),
    ttl: REFRESH_SECONDS,
  });
  for (const event of feed.events) {
    // A date in a named zone: ical-generator writes luxon's own date, whatever the host's time zone is.
    const day = DateTime.fromISO(event.date, { zone: OSLO_ZONE });
    calendar.createEvent({
      id: event.uid,
      sequence: event.sequence,
      stamp: event.revisedAt,
      lastModified: event.revisedAt,
      start: day,
      end: day.plus({ days: 1 }),
      allDay: true,
      summary: event.summary,
      description: event.description,
      url: event.url,
      // A deadline or someone else's meeting does not make the subscriber busy.
      transparency: ICalEventTransparency.TRANSPARENT,
      // Calendars strike out a cancelled entry rather than drop it: the withdrawn round's deadline reads as called off.
      ...(event.cancelled ? { status: ICalEventStatus.CANCELLED } : {}),
    });
  }
  // Every content line ends with CRLF, the last one too (RFC 5545 § 3.1); ical-generator leaves it off.
  return `${calendar.toString()}\r\n`;
}

// Generated from the api's OpenAPI document by `npm run api:types`; do not edit.
export interface paths {
    "/api/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Walk the audit chain, name the first broken link, and tell where each chain ends (admin)
         * @description Removing a chain’s newest events leaves a shorter chain whose links all hold. Record the `heads` outside the database (`npm run audit:verify -- --write heads.json` does), and check against them later with POST.
         */
        get: operations["AuditController_verifyChain"];
        put?: never;
        /**
         * Walk the audit chain and check it against heads recorded earlier (admin)
         * @description The same walk as GET; besides, each recorded head must still be in its chain at its length: one that is not is reported as `truncated` (the chain is shorter now) or `missing` (another event stands there), and `intact` is false. Nothing is written.
         */
        post: operations["AuditController_verifyAgainst"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where the web app signs people in: the identity provider’s issuer and the web app’s client id */
        get: operations["AuthConfigController_signInSettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/councils": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The councils the caller can see
         * @description All for an admin; for others the councils they are secretariat or leader of, and those their municipality is a current member of. By name. In pages: `limit` (1–200, default 50), the next page in the Link header.
         */
        get: operations["CouncilsController_list"];
        put?: never;
        /**
         * Create a council (admin)
         * @description A new council without members; the secretariat adds them.
         */
        post: operations["CouncilsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/councils/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A council with its members and cost keys
         * @description 404 when the caller cannot see it.
         */
        get: operations["CouncilsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/councils/{slug}/agreement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The agreement version in force on a date
         * @description Past or future; today (Europe/Oslo) when `on` is left out. For whoever can see the council.
         */
        get: operations["AgreementController_inForce"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/councils/{slug}/agreement-versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every version of the agreement, drafts included (secretariat, leader)
         * @description Oldest first. In pages: `limit` (1–200, default 50), the next page in the Link header.
         */
        get: operations["AgreementController_list"];
        put?: never;
        /**
         * Write a new version of the samarbeidsavtale (secretariat)
         * @description A version lacking items of kommuneloven § 18-4 is kept as a draft: `missingMinimumContent` lists the letters, and it cannot be sent out in a round or recorded as adopted until none is missing.
         */
        post: operations["AgreementController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/councils/{slug}/agreement-versions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One version of the agreement (secretariat, leader) */
        get: operations["AgreementController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/councils/{slug}/agreement-versions/{id}/adopted-before": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record that a version was adopted before the council used this system (secretariat)
         * @description For the agreement in force at onboarding; later versions go through approval rounds. It comes into force on its effective date, or on `adoptedOn` if later.
         */
        post: operations["AgreementController_adoptedBefore"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/councils/{slug}/agreement-versions/{id}/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What a version changes, section by section and word by word
         * @description Against the version `against`, or by default the one in force today (Europe/Oslo); when none is in force and `against` is left out, every section is `added` and `against` is null. Sections are matched by their ref; a new heading counts as a change. For whoever can see the council, the clerks of its members included.
         */
        get: operations["AgreementController_changes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/councils/{slug}/allocations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview how a total would be shared over a cost key (secretariat, leader)
         * @description Largest-remainder method in whole øre (or kroner): the parts add up to the total exactly. The change is measured against the fee schedule in force today (Europe/Oslo). Nothing is saved.
         */
        post: operations["AllocationsController_preview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/councils/{slug}/calendar.ics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The council’s feed: deadlines of its rounds and its members’ scheduled meetings */
        get: operations["CalendarController_council"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/councils/{slug}/cost-keys/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A cost key with its weights
         * @description For whoever can see the council.
         */
        get: operations["CostKeysController_get"];
        /**
         * Create or replace a cost key (secretariat)
         * @description Checked against the council’s current members: one weight each, none negative, not all zero. Rounds already launched keep the weights they froze.
         */
        put: operations["CostKeysController_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/councils/{slug}/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The council's dashboard (secretariat, leaders): open rounds with progress, overdue members and forecast, as a members × rounds matrix
         * @description Each open round has a cell per current member of the council; a member that is not in the round’s electorate has `status: null`. A fee round carries its fee table with a sum row. Then the last ten settled rounds. A clerk of a member sees the council but gets 403 here; whoever cannot see the council gets 404.
         */
        get: operations["DashboardController_read"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/councils/{slug}/fees": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The fee schedule in force on a date
         * @description Whether recorded at onboarding or approved in a round; past or future; today (Europe/Oslo) when `on` is left out. For whoever can see the council.
         */
        get: operations["FeesController_inForce"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/councils/{slug}/fees/{effectiveFrom}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Record a fee schedule adopted before the council used this system (secretariat)
         * @description One amount per current member, in force from `effectiveFrom`. Schedules are history: the same schedule again is answered with 200 and changes nothing; a different one for the same date is refused. New fees are decided in fee rounds, where every member’s kommunestyre votes, so onboarding is refused (409, naming the round in `details.roundId` and `details.title`) on a date an open fee round proposes, on or after the day a schedule approved in a round came into force, and, once the council has launched its first fee round, from a date after today (Europe/Oslo).
         */
        put: operations["FeesController_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/councils/{slug}/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Follow the council's rounds as they change (secretariat, leader): Server-Sent Events
         * @description One message per change of one of the council’s rounds: `id:` the event id, `event:` its type (round.launched, decision.registered, decision.corrected, round.settled, round.extended, round.withdrawn …), `data:` the event as JSON (see #/components/schemas/LiveEventResponse). A comment (`: heartbeat`) every 15 s keeps proxies from closing a quiet connection. On reconnect, send the last id received as `Last-Event-ID` (EventSource does) to get what was missed first, up to the 500 latest. The stream ends when the bearer token expires, after a last message `event: token-expired` (its `id:` that of the last event sent): reconnect with a fresh token. A person may have 5 streams open at once (per api process).
         */
        get: operations["LiveController_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/councils/{slug}/members/{municipalityNumber}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Add a member, or update its current membership (secretariat)
         * @description Registers the municipality when its kommunenummer is new. Cost keys must cover exactly the current members, so a new member needs its weight in each key before the key can be used again.
         */
        put: operations["MembersController_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/councils/{slug}/members/{municipalityNumber}/leave": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record that a member leaves on a day (secretariat)
         * @description `leftOn` is its last day as a member. Open rounds keep it in their electorate until the secretariat amends them (`POST /api/rounds/{id}/amend-electorate`). Its cost-key weights stay as they are: a key that still names it is incomplete for the next fee round until it is updated.
         */
        post: operations["MembersController_leave"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/councils/{slug}/members/{municipalityNumber}/withdrawal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a member’s notice of withdrawal (secretariat)
         * @description The withdrawal takes effect under the council’s withdrawal rule (`withdrawalRule` of the council: months of notice, then to 31 December): the member answers with `leftOn` set to its last day. Rounds launched until then include it; later ones do not. Recording a notice again replaces the earlier one.
         */
        post: operations["MembersController_giveNotice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/councils/{slug}/mergers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a merger of members (secretariat)
         * @description The predecessors’ memberships end on the day before `effectiveFrom`, and the successor is a member from that day: a new municipality (Orkland, 5059, registered with its name) or one of the predecessors, whose membership goes on (Trondheim absorbing Klæbu). The municipality registry keeps the predecessors’ numbers and names, marked as ceased and succeeded, so history reads as it was. Open rounds keep their electorate until the secretariat amends each (`POST /api/rounds/{id}/amend-electorate`); cost keys must be updated for the successor before the next fee round.
         */
        post: operations["MembershipsController_merge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/councils/{slug}/rounds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A council's rounds the caller may see, newest first
         * @description The staff see every round, a clerk those their municipality is in. Each item is a summary: the round, its progress and its outcome; the round itself (`GET /api/rounds/{id}`) has the members and their decisions, the allocation and the forecast. In pages: `limit` (1–200, default 50), the next page in the Link header.
         */
        get: operations["RoundsController_listRounds"];
        put?: never;
        /**
         * Launch an approval round (secretariat)
         * @description Freezes the electorate and, for fees, the allocation.
         */
        post: operations["RoundsController_launchRound"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/councils/{slug}/withdrawal-rule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Record how a member withdraws under the agreement (secretariat)
         * @description Kommuneloven § 18-4 g: months of notice, and whether the withdrawal then takes effect on 31 December. 12 months to the year’s end until recorded.
         */
        put: operations["MembershipsController_setWithdrawalRule"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Overview: PostgreSQL and Redis, each up or down
         * @description For monitors and people. A load balancer asks /api/health/ready: the api serves requests while Redis is down.
         */
        get: operations["HealthController_overview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers; it looks at no other service */
        get: operations["HealthController_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness: PostgreSQL answers, so requests can be served
         * @description What a load balancer routes on. Redis is not needed to serve requests: jobs wait in the outbox.
         */
        get: operations["HealthController_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who the token says you are, and the roles the API will honour */
        get: operations["MeController_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/calendar-feeds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your calendar feeds, newest first
         * @description Every feed you issued and have not revoked, expired ones too, with what it follows and when it runs out. Never the token: only its first characters. In pages: `limit` (1–200, default 50), the next page in the Link header.
         */
        get: operations["CalendarFeedsController_list"];
        put?: never;
        /**
         * Issue a personal calendar feed of a council or a municipality you may see
         * @description Answers the address of an iCalendar feed (deadlines of open rounds and of those closed in the last three months, scheduled kommunestyre meetings) with a token of its own in `?token=`, valid for 90 days or the `expiresInDays` asked for. The address is shown this once: only a hash of the token is kept. The token opens only that feed, every fetch checks that you may still see it with the grants of your latest sign-in, and you can revoke it (`DELETE /api/me/calendar-feeds/{id}`).
         */
        post: operations["CalendarFeedsController_issue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/calendar-feeds/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke one of your calendar feeds
         * @description Its address is refused from the next fetch on (401). Revoking it again answers 204 as well; a feed that is not yours is 404.
         */
        delete: operations["CalendarFeedsController_revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your notices, newest first
         * @description Reminders, deadlines, outcomes and coming into force, as they were sent to you (also by e-mail when it is on). In pages: `limit` (1–200, default 50), the next page in the Link header.
         */
        get: operations["NotificationsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark one of your notices read
         * @description Marking it again keeps the time it was first read.
         */
        post: operations["NotificationsController_markRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your own settings as you last chose them (null: you have not, and your notices follow your municipality) */
        get: operations["MeController_readSettings"];
        /** Your own settings: the written standard of your notices (null follows your municipality), and the kinds of notice you take in the app only */
        put: operations["MeController_settings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/municipalities/{municipalityNumber}/calendar.ics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The municipality’s feed: deadlines of the rounds it is in, across its councils, and its own meetings */
        get: operations["CalendarController_municipality"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/municipalities/{municipalityNumber}/inbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What awaits the municipality's kommunestyre, across every council it is in (its clerks)
         * @description One item per open round the municipality is in, most urgent first: those with `action: register` first, then by deadline (earliest first), then by council slug, then by round id. Each item carries the ETag to send as If-Match when registering. Then the last ten rounds its kommunestyre decided. Anyone but its clerks and the admin gets 404.
         */
        get: operations["InboxController_read"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rounds/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A round: members, decisions, outcome, allocation, progress and forecast */
        get: operations["RoundsController_getRound"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rounds/{id}/amend-electorate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Amend an open round’s electorate after members left or merged (secretariat, with a reason)
         * @description Compares the electorate frozen at launch with the council’s members today (Oslo): a member whose membership has ended is taken out, its decision kept in the record; a merged member’s successor takes its place — a successor that kept its number decides anew, a new one comes in pending — unless every predecessor had adopted, when the successor counts as adopted. Members who joined after the launch stay out. A fee round’s shares of merged members go to the successor; a fee round whose member simply left must be withdrawn and launched again (409). If the outcome is then certain, the round settles on the amended electorate, once, with `round.settled` saying `cause: electorate_amended`.
         */
        post: operations["RoundsController_amendElectorate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rounds/{id}/decisions/{municipalityNumber}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A member's decision with every revision; its ETag guards the next PUT */
        get: operations["RoundsController_getDecision"];
        /**
         * Register the kommunestyre's decision (clerk of the municipality; the secretariat corrects references with a reason)
         * @description Settles the round by its decision rule when the decision completes it, exactly once. A retry with the same Idempotency-Key and body gets the same answer; the same key with another body is 422.
         */
        put: operations["RoundsController_registerDecision"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rounds/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit trail of the round, oldest first
         * @description In pages: `limit` (1–200, default 50), the next page in the Link header.
         */
        get: operations["RoundsController_events"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rounds/{id}/expire": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close an open round after its deadline (secretariat) */
        post: operations["RoundsController_expire"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rounds/{id}/export.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The round for the case archive, as CSV
         * @description RFC 4180 with CRLF line ends, UTF-8 with a byte order mark, `;` as the separator (what Excel in a Norwegian locale expects), headings in bokmål. Sections: the facts and the outcome; each member with status, meeting date, body, case number, protocol reference, votes and note; for a fee round the allocation with its sums (the new fees add up to the total); the audit trail. Amounts as in the API ("5194646.68"), dates YYYY-MM-DD, instants ISO 8601 in Oslo time. A cell that starts with = + - or @ (other than a plain negative number) gets a leading apostrophe, so a spreadsheet never runs it as a formula.
         */
        get: operations["ExportsController_csv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rounds/{id}/export.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The round for the case archive, as PDF
         * @description A4 in bokmål: the facts and the outcome, a table of the members' decisions with their references, the fee allocation with its sums for a fee round, notes, and the audit trail; each page shows the round, when it was generated and its page number.
         */
        get: operations["ExportsController_pdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rounds/{id}/extend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Extend the deadline (secretariat, with a reason); reminders follow the new date */
        post: operations["RoundsController_extend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rounds/{id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw an open round (secretariat, with a reason) */
        post: operations["RoundsController_withdraw"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AgreementChangesResponse: {
            /**
             * Format: uuid
             * @description The version compared against: `against` when given, else the one in force today; null when none is in force (every section is then `added`)
             * @example 3f1c9a52-4b7e-4c1d-9a43-2f0e8b6d7c11
             */
            against: string | null;
            /** @description In the version’s order; a removed section where it stood in the version compared against */
            sections: components["schemas"]["SectionChangeResponse"][];
        };
        AgreementSectionDto: {
            /** @example Navn */
            heading: string;
            /**
             * @description How the text refers to the section; unique within the version
             * @example § 1
             */
            ref: string;
            /** @example Rådets navn er Trondheimsregionen. */
            text: string;
        };
        AgreementSectionResponse: {
            /** @example Navn */
            heading: string;
            /** @example § 1 */
            ref: string;
            /** @example Rådets navn er Trondheimsregionen. */
            text: string;
        };
        AgreementVersionResponse: {
            /**
             * Format: date
             * @description The day the last member adopted it
             * @example 2020-06-18
             */
            adoptedOn: string | null;
            /**
             * @description How it was adopted; null while a draft
             * @example onboarding
             * @enum {string|null}
             */
            adoption: "round" | "onboarding" | null;
            /**
             * Format: date
             * @description The day it is meant to take effect
             * @example 2023-01-01
             */
            effectiveFrom: string;
            /**
             * Format: uuid
             * @example 3f1c9a52-4b7e-4c1d-9a43-2f0e8b6d7c11
             */
            id: string;
            /**
             * Format: date
             * @description The day it came into force: effectiveFrom, or adoptedOn if later; null while a draft
             * @example 2023-01-01
             */
            inForceFrom: string | null;
            minimumContent: components["schemas"]["MinimumContentResponse"];
            /**
             * @description Letters of § 18-4 the version does not answer yet; it cannot be sent out or recorded as adopted until this is empty
             * @example []
             */
            missingMinimumContent: ("a" | "b" | "c" | "d" | "e" | "f" | "g" | "h")[];
            /**
             * @description 1, 2, 3 … within the council’s agreement
             * @example 1
             */
            number: number;
            sections: components["schemas"]["AgreementSectionResponse"][];
            /** @example Samarbeidsavtale for Trondheimsregionen 2023 */
            title: string;
        };
        AllocationLineResponse: {
            /** @example 1874192.68 */
            change: string;
            /** @example 3320454.00 */
            currentFee: string;
            /** @example 5001 */
            municipalityNumber: string;
            /** @example 5194646.68 */
            newFee: string;
            /**
             * @description The weight in the cost key, as an exact decimal
             * @example 3320454
             */
            weight: string;
        };
        AllocationPreviewLineResponse: {
            /**
             * @description newFee − currentFee; negative when the fee goes down
             * @example 1874192.68
             */
            change: string;
            /**
             * @description Its fee in the schedule in force today; "0.00" when none
             * @example 3320454.00
             */
            currentFee: string;
            /** @example 5001 */
            municipalityNumber: string;
            /** @example Trondheim */
            name: string;
            /** @example 5194646.68 */
            newFee: string;
            /**
             * @description Its weight in the cost key
             * @example 3320454
             */
            weight: string;
        };
        AllocationPreviewResponse: {
            /** @example fees-2022 */
            costKey: string;
            /**
             * Format: date
             * @description Today in Europe/Oslo: the day whose fees in force are `currentFee`
             * @example 2022-10-01
             */
            currentFeesOn: string;
            /** @description Null when no schedule is in force (every current fee is then 0.00) */
            currentSchedule: components["schemas"]["CurrentScheduleResponse"] | null;
            /** @description One line per current member, by kommunenummer; newFee adds up to total exactly */
            members: components["schemas"]["AllocationPreviewLineResponse"][];
            /**
             * @example ore
             * @enum {string}
             */
            roundTo: "ore" | "krone";
            /** @example 10000000.00 */
            total: string;
        };
        AmendElectorateDto: {
            /** @example Klæbu slått sammen med Trondheim fra 1. januar 2020 */
            reason: string;
        };
        AuditChainResponse: {
            /**
             * @description Chains walked: one per council
             * @example 3
             */
            chains: number;
            /**
             * @description Events walked: all of them
             * @example 1234
             */
            events: number;
            /** @description The first event whose link does not hold */
            firstBrokenLink: components["schemas"]["BrokenLinkResponse"] | null;
            /**
             * @description The api’s own database role can neither alter nor drop the audit tables (they and their schema belong to another role, and it is no superuser). When false, the append-only triggers hold against mistakes, not against that role: see the README on handing the trail over
             * @example true
             */
            guardedFromApplication: boolean;
            /** @description Where each chain ends now, by council slug */
            heads: components["schemas"]["ChainHeadResponse"][];
            /**
             * @description Every link holds, and every recorded head is present
             * @example true
             */
            intact: boolean;
            /** @description The recorded heads sent with POST, each checked; empty for GET */
            recordedHeads: components["schemas"]["HeadCheckResponse"][];
        };
        AuthConfigResponse: {
            /**
             * @description The web app’s client id at the identity provider
             * @example vedtaksrunde-web
             */
            clientId: string;
            /**
             * @description Issuer of the identity provider; its discovery document is at `<issuer>/.well-known/openid-configuration`
             * @example https://login.example.no/realms/kommune
             */
            issuer: string;
            /**
             * @description The scopes to ask for
             * @example openid profile email
             */
            scope: string;
        };
        BrokenLinkResponse: {
            /** @example 2022-11-25T11:00:00.000Z */
            at: string;
            /**
             * Format: uuid
             * @example 0b7c2f0e-5d43-4a8e-9d0a-2f1c3b4a5d6e
             */
            councilId: string | null;
            /** @example 4711 */
            eventId: string;
            /**
             * @example content changed
             * @enum {string}
             */
            reason: "content changed" | "previous event missing or changed";
            /** @example decision.registered */
            type: string;
        };
        CalendarFeedResponse: {
            /**
             * Format: date-time
             * @description When the feed stops answering (at most 90 days on); issue a new one then
             * @example 2022-12-30T08:00:00.000Z
             */
            expiresAt: string;
            /**
             * Format: uuid
             * @description The feed, to list and revoke it by
             * @example 6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b
             */
            id: string;
            /**
             * @description The feed token alone (32 random bytes, base64url); accepted only in `?token=` of the feed it was issued for
             * @example q3Vx9LmT0bZfR2aWc8YkE1nHs5JdPu7G4oKtXiN6yQe
             */
            token: string;
            /**
             * @description Subscribe to this address; it carries the token, so keep it to yourself. It cannot be shown again: only a hash of the token is kept
             * @example https://vedtak.example.no/api/councils/trondheimsregionen/calendar.ics?token=q3Vx9LmT0bZfR2aWc8YkE1nHs5JdPu7G4oKtXiN6yQe
             */
            url: string;
        };
        CalendarFeedSummaryResponse: {
            /**
             * @description With scope `council`: the council’s slug; otherwise null
             * @example trondheimsregionen
             */
            council: string | null;
            /**
             * Format: date-time
             * @example 2022-10-01T08:00:00.000Z
             */
            createdAt: string;
            /**
             * @description true once it has run out: it no longer answers, and can only be removed
             * @example false
             */
            expired: boolean;
            /**
             * Format: date-time
             * @example 2022-12-30T08:00:00.000Z
             */
            expiresAt: string;
            /**
             * Format: uuid
             * @example 6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b
             */
            id: string;
            /**
             * Format: date-time
             * @description When a calendar app last fetched it; null if never
             * @example 2022-10-02T06:00:00.000Z
             */
            lastUsedAt: string | null;
            /**
             * @description With scope `municipality`: its kommunenummer; otherwise null
             * @example 5028
             */
            municipality: string | null;
            /**
             * @description The council’s or the municipality’s name
             * @example Trondheimsregionen
             */
            name: string;
            /**
             * @description What the feed follows
             * @example council
             * @enum {string}
             */
            scope: "council" | "municipality";
            /**
             * @description The first characters of the token in the feed’s address, to tell your feeds apart
             * @example q3Vx9L
             */
            tokenPrefix: string;
        };
        ChainHeadResponse: {
            /**
             * Format: uuid
             * @description Null for the events of no council
             * @example 0b7c2f0e-5d43-4a8e-9d0a-2f1c3b4a5d6e
             */
            councilId: string | null;
            /** @example trondheimsregionen */
            councilSlug: string | null;
            /**
             * @description The chain’s newest event
             * @example 4711
             */
            headEventId: string;
            /**
             * @description The hash of the chain’s newest event: keep it, with the length, outside the database
             * @example 3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea
             */
            headHash: string;
            /**
             * @description Events in the chain
             * @example 128
             */
            length: number;
        };
        CostKeyResponse: {
            /** @example percent-2025 */
            key: string;
            /**
             * @description Weight per kommunenummer
             * @example {
             *       "5001": "67",
             *       "5027": "2",
             *       "5028": "6",
             *       "5029": "3",
             *       "5031": "5",
             *       "5035": "8",
             *       "5054": "3",
             *       "5059": "6"
             *     }
             */
            weights: {
                [key: string]: string;
            };
        };
        CouncilDashboardResponse: {
            /**
             * Format: date-time
             * @description The instant the dashboard shows
             * @example 2022-11-25T11:00:00.000Z
             */
            asOf: string;
            council: components["schemas"]["CouncilSummaryResponse"];
            /** @description The council's current members in kommunenummer order: the rows of the matrix */
            members: components["schemas"]["DashboardMemberResponse"][];
            /** @description Every open round, the nearest deadline first (then the earliest launched) */
            openRounds: components["schemas"]["DashboardRoundResponse"][];
            /** @description The last ten rounds settled by their outcome (approved or rejected), the latest first; withdrawn and expired rounds have no outcome and are not listed */
            recentlySettled: components["schemas"]["SettledRoundResponse"][];
        };
        CouncilResponse: {
            /**
             * @description Names of the council’s cost keys
             * @example [
             *       "fees-2022",
             *       "percent-2025"
             *     ]
             */
            costKeys: string[];
            /** @description Current members first, then past ones, each by kommunenummer */
            members: components["schemas"]["MemberResponse"][];
            /** @example Trondheimsregionen */
            name: string;
            /** @example trondheimsregionen */
            slug: string;
            withdrawalRule: components["schemas"]["WithdrawalRuleResponse"];
        };
        CouncilSummaryResponse: {
            /** @example Trondheimsregionen */
            name: string;
            /** @example trondheimsregionen */
            slug: string;
        };
        CreateAgreementVersionDto: {
            /**
             * Format: date
             * @description The day the version is meant to take effect
             * @example 2023-01-01
             */
            effectiveFrom: string;
            /**
             * @description Where the text answers each letter a–h of § 18-4. A version may leave letters out while it is a draft: the answer lists them in `missingMinimumContent`, and it cannot be sent out or recorded as adopted until none is missing.
             * @example {
             *       "a": "§ 1",
             *       "b": "§ 2",
             *       "c": "§ 5",
             *       "d": "§ 3",
             *       "e": "§ 4",
             *       "f": "§ 9",
             *       "g": "§ 11",
             *       "h": "§ 12"
             *     }
             */
            minimumContent: components["schemas"]["MinimumContentDto"];
            /** @description The text, section by section (at least one) */
            sections: components["schemas"]["AgreementSectionDto"][];
            /** @example Samarbeidsavtale for Trondheimsregionen 2023 */
            title: string;
        };
        CreateCouncilDto: {
            /**
             * @description The council’s name as people write it
             * @example Innherred samkommune
             */
            name: string;
            /**
             * @description Used in every address of the council: lower-case letters and digits joined by dashes; cannot be changed later
             * @example innherred
             */
            slug: string;
        };
        CurrentScheduleResponse: {
            /**
             * Format: date
             * @example 2022-01-01
             */
            effectiveFrom: string;
            /**
             * Format: date
             * @example 2022-01-01
             */
            inForceFrom: string;
        };
        DashboardCellResponse: {
            /**
             * Format: date
             * @description The meeting registered: the one it is scheduled for, or the one that decided or postponed it
             * @example 2022-12-08
             */
            meetingDate: string | null;
            /** @example 5028 */
            municipalityNumber: string;
            /**
             * Format: date
             * @description When postponed: the next meeting, if known
             * @example 2022-12-20
             */
            nextMeetingDate: string | null;
            /**
             * @description Undecided after the deadline; false outside the electorate
             * @example false
             */
            overdue: boolean;
            /**
             * @description The member's status in this round; null when the municipality is not in the round's electorate (it joined the council after the launch)
             * @example scheduled
             * @enum {string|null}
             */
            status: "pending" | "scheduled" | "postponed" | "adopted" | "rejected" | "adopted_with_amendments" | null;
        };
        DashboardMemberResponse: {
            /**
             * @description Official four-digit kommunenummer
             * @example 5001
             */
            municipalityNumber: string;
            /** @example Trondheim */
            name: string;
        };
        DashboardRoundResponse: {
            /** @description One per member of `members`, in that order: this round's column of the members × rounds matrix */
            cells: components["schemas"]["DashboardCellResponse"][];
            /**
             * @description Calendar days from today in Europe/Oslo (by the clock of `asOf`) to the deadline; 0 on the day, negative once past
             * @example 20
             */
            daysToDeadline: number;
            /**
             * Format: date
             * @description Ends 23:59:59 Europe/Oslo
             * @example 2022-12-15
             */
            deadline: string;
            /** @description How the round is decided, frozen at launch */
            decisionRule: components["schemas"]["DecisionRuleResponse"];
            /** @description For a fee round; null for an agreement */
            fees: components["schemas"]["FeeTableResponse"] | null;
            /** @description `pastDeadline` is the warning: a planned meeting after the deadline */
            forecast: components["schemas"]["ForecastResponse"];
            /**
             * Format: uuid
             * @example 9b2c4e1a-7d3f-4a8e-b5c6-0f1e2d3c4b5a
             */
            id: string;
            /**
             * @description Kommunenummer of the overdue members, lowest first
             * @example [
             *       "5027"
             *     ]
             */
            overdue: string[];
            /** @description The electorate's count per status, `total`, and how many are `overdue` */
            progress: components["schemas"]["ProgressResponse"];
            subject: components["schemas"]["SubjectResponse"];
            /** @example Medlemsavgift fra 2023-01-01: NOK 10000000.00 */
            title: string;
        };
        DecidedMemberResponse: {
            /**
             * Format: date
             * @description The meeting that decided it
             * @example 2022-11-24
             */
            meetingDate: string | null;
            /**
             * @example adopted
             * @enum {string}
             */
            status: "adopted" | "rejected" | "adopted_with_amendments";
        };
        DecidedRoundRefResponse: {
            council: components["schemas"]["CouncilSummaryResponse"];
            /**
             * Format: uuid
             * @example 9b2c4e1a-7d3f-4a8e-b5c6-0f1e2d3c4b5a
             */
            id: string;
            /**
             * @description The round's status now
             * @example approved
             * @enum {string}
             */
            status: "open" | "approved" | "rejected" | "withdrawn" | "expired";
            /** @example Samarbeidsavtale 2023 */
            title: string;
        };
        DecidedRoundResponse: {
            /** @description What this municipality's kommunestyre decided */
            member: components["schemas"]["DecidedMemberResponse"];
            round: components["schemas"]["DecidedRoundRefResponse"];
        };
        DecisionResponse: {
            /**
             * @example bystyre
             * @enum {string|null}
             */
            body: "kommunestyre" | "bystyre" | null;
            /** @example 2022/1234 */
            caseNumber: string | null;
            /** @example 2022-11-24 */
            meetingDate: string | null;
            /**
             * @description When postponed: the next meeting
             * @example 2022-12-08
             */
            nextMeetingDate: string | null;
            /** @example Formannskapet innstilte enstemmig. */
            note: string | null;
            /** @example https://innsyn.trondheim.kommune.no/moter/2022-11-24#sak-87 */
            protocolRef: string | null;
            /**
             * @description Counts every registration and correction
             * @example 1
             */
            revision: number;
            /** @example 2022-11-25T09:12:00.000Z */
            updatedAt: string | null;
            votes: components["schemas"]["VotesResponse"] | null;
        };
        DecisionRuleDto: {
            /**
             * @description With `qualified_majority`: the share that must adopt, a fraction "p/q" with 1 ≤ p ≤ q ≤ 100
             * @example 2/3
             */
            atLeast?: string;
            /**
             * @description With `qualified_majority`: count the members, or their weights in the round's cost key (frozen at launch; fee rounds only)
             * @example count
             * @enum {string}
             */
            by?: "count" | "weight";
            /**
             * @example qualified_majority
             * @enum {string}
             */
            kind: "unanimity" | "qualified_majority";
        };
        DecisionRuleResponse: {
            /**
             * @description With `qualified_majority`: the share that must adopt
             * @example 2/3
             */
            atLeast?: string;
            /**
             * @description With `qualified_majority`: members counted, or their weights in the cost key
             * @example count
             * @enum {string}
             */
            by?: "count" | "weight";
            /**
             * @example qualified_majority
             * @enum {string}
             */
            kind: "unanimity" | "qualified_majority";
        };
        ElectorateChangeResponse: {
            /** @example 2020-01-02T09:00:00.000Z */
            at: string;
            /** @example sekretariat.trondheimsregionen */
            by: string;
            /**
             * @description Taken out of the electorate (left, or merged), brought in as a successor, or a successor that kept its number and decides anew
             * @example removed
             * @enum {string}
             */
            change: "removed" | "added" | "decides_anew";
            /** @example 5030 */
            municipalityNumber: string;
            /** @example Klæbu */
            name: string;
            /** @example Klæbu slått sammen med Trondheim fra 1. januar 2020 */
            reason: string;
            /**
             * @description Its status before the change (removed, decides anew) or as it came in (added)
             * @example pending
             */
            status: string;
            /**
             * @description For a member removed by a merger: its successor
             * @example 5001
             */
            successor: string | null;
        };
        EventResponse: {
            /** @example clerk.5054 */
            actor: string;
            /**
             * @description The name of whoever acted, once they have signed in; null for the system
             * @example Kari Nordmann
             */
            actorName: string | null;
            /** @example 2022-12-01T10:00:00.000Z */
            at: string;
            /**
             * @example {
             *       "before": {
             *         "status": "open"
             *       },
             *       "after": {
             *         "status": "approved"
             *       }
             *     }
             */
            data: {
                [key: string]: unknown;
            };
            /** @example 42 */
            id: string;
            /** @example round.settled */
            type: string;
        };
        ExpireRoundDto: {
            /** @example Fristen er ute; saken tas opp på nytt neste år */
            reason?: string;
        };
        ExtendRoundDto: {
            /**
             * @description The new deadline, later than the current one
             * @example 2023-01-31
             */
            deadline: string;
            /** @example Melhus behandler saken i januar */
            reason: string;
        };
        FeeItemResponse: {
            /**
             * @description newFee − currentFee; negative when the fee goes down
             * @example 1874192.68
             */
            change: string;
            /**
             * @description The fee in force at launch, NOK
             * @example 3320454.00
             */
            currentFee: string;
            /** @example 5001 */
            municipalityNumber: string;
            /**
             * @description The name at launch
             * @example Trondheim
             */
            name: string;
            /**
             * @description The fee the round proposes, NOK
             * @example 5194646.68
             */
            newFee: string;
        };
        FeeLineDto: {
            /**
             * @description NOK per year as a string with at most two decimals, zero or more
             * @example 3320454.00
             */
            amount: string;
            /**
             * @description Kommunenummer of a current member
             * @example 5001
             */
            municipalityNumber: string;
        };
        FeeLineResponse: {
            /**
             * @description NOK per year
             * @example 3320454.00
             */
            amount: string;
            /** @example 5001 */
            municipalityNumber: string;
            /** @example Trondheim */
            name: string;
        };
        FeeScheduleResponse: {
            /**
             * Format: date
             * @description The day it was meant to take effect
             * @example 2022-01-01
             */
            effectiveFrom: string;
            /** @description One line per member, by kommunenummer */
            fees: components["schemas"]["FeeLineResponse"][];
            /**
             * Format: date
             * @description The day it came into force: effectiveFrom, or the last adoption if later
             * @example 2022-01-01
             */
            inForceFrom: string;
            /** @example Medlemsavgift 2022, vedtatt før rådet tok i bruk systemet */
            reason: string;
            /**
             * Format: uuid
             * @description The round that approved it; null when recorded at onboarding
             * @example 9b2c4e1a-7d3f-4a8e-b5c6-0f1e2d3c4b5a
             */
            roundId: string | null;
            /**
             * @description Recorded at onboarding, or approved in a round
             * @example onboarding
             * @enum {string}
             */
            source: "onboarding" | "round";
            /**
             * @description The sum of the fees, computed
             * @example 6392069.00
             */
            total: string;
        };
        FeeSumResponse: {
            /** @example 3607931.00 */
            change: string;
            /** @example 6392069.00 */
            currentFee: string;
            /**
             * @description The round's total, to the øre
             * @example 10000000.00
             */
            newFee: string;
        };
        FeeTableResponse: {
            /** @description The allocation frozen at launch, by kommunenummer */
            items: components["schemas"]["FeeItemResponse"][];
            /** @description The sum of each column, computed exactly */
            sum: components["schemas"]["FeeSumResponse"];
        };
        FieldProblemResponse: {
            /** @example meetingDate */
            field: string;
            /** @example meetingDate must be a real date written YYYY-MM-DD */
            message: string;
        };
        ForecastResponse: {
            /**
             * @description Latest scheduled meeting among undecided members
             * @example 2022-12-08
             */
            date: string | null;
            /**
             * @description The forecast is after the deadline: a warning
             * @example false
             */
            pastDeadline: boolean;
            /**
             * @description Undecided members without a meeting date
             * @example [
             *       "5027"
             *     ]
             */
            unscheduled: string[];
        };
        GiveNoticeDto: {
            /**
             * Format: date
             * @description The day the kommunestyre gave notice of withdrawal (today or earlier)
             * @example 2026-12-02
             */
            noticeGivenOn: string;
            /**
             * @description A note for the record, e.g. the kommunestyre’s case number
             * @example KS-sak 45/26
             */
            reason?: string;
        };
        HeadCheckResponse: {
            /**
             * @description Events in the chain now
             * @example 126
             */
            chainLength: number;
            /**
             * Format: uuid
             * @example 0b7c2f0e-5d43-4a8e-9d0a-2f1c3b4a5d6e
             */
            councilId: string | null;
            /** @example trondheimsregionen */
            councilSlug: string | null;
            /**
             * @description The hash now at the recorded length; null when the chain is shorter
             * @example 3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea
             */
            foundHash: string | null;
            /**
             * @description The head hash recorded
             * @example 3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea
             */
            headHash: string;
            /**
             * @description The length recorded
             * @example 128
             */
            length: number;
            /**
             * @description `present`: the chain still has that hash at that length; `truncated`: the chain is now shorter (its newest events were removed); `missing`: the chain is that long, but another event stands at that position (history was rewritten)
             * @example truncated
             * @enum {string}
             */
            status: "present" | "truncated" | "missing";
        };
        InboxItemResponse: {
            /**
             * @description `register` while the kommunestyre has not decided (pending, scheduled or postponed), else `none`
             * @example register
             * @enum {string}
             */
            action: "register" | "none";
            /** @description This municipality's place in the round */
            member: components["schemas"]["InboxMemberResponse"];
            round: components["schemas"]["InboxRoundResponse"];
        };
        InboxMemberResponse: {
            /** @description What is registered, as in the round; null until something is */
            decision: components["schemas"]["DecisionResponse"] | null;
            /**
             * @description The member decision's ETag: send it as If-Match with `PUT /api/rounds/{id}/decisions/{municipalityNumber}`
             * @example "9b2c4e1a-5031-1"
             */
            etag: string;
            /**
             * @description Undecided after the deadline
             * @example false
             */
            overdue: boolean;
            /**
             * @example scheduled
             * @enum {string}
             */
            status: "pending" | "scheduled" | "postponed" | "adopted" | "rejected" | "adopted_with_amendments";
        };
        InboxMunicipalityResponse: {
            /** @example Malvik */
            name: string;
            /**
             * @description Official four-digit kommunenummer
             * @example 5031
             */
            number: string;
        };
        InboxRoundResponse: {
            council: components["schemas"]["CouncilSummaryResponse"];
            /**
             * @description Calendar days from today in Europe/Oslo (by the clock of `asOf`) to the deadline; 0 on the day, negative once past
             * @example 20
             */
            daysToDeadline: number;
            /**
             * Format: date
             * @description Ends 23:59:59 Europe/Oslo
             * @example 2022-12-15
             */
            deadline: string;
            /**
             * Format: uuid
             * @example 9b2c4e1a-7d3f-4a8e-b5c6-0f1e2d3c4b5a
             */
            id: string;
            subject: components["schemas"]["SubjectResponse"];
            /** @example Medlemsavgift fra 2023-01-01: NOK 10000000.00 */
            title: string;
        };
        IssueCalendarFeedDto: {
            /**
             * @description With scope `council`: the council’s slug
             * @example trondheimsregionen
             */
            council?: string;
            /**
             * @description How many days the feed is to live: 90 when left out, and at most 90 (more is refused with 422 `CALENDAR_FEED.LIFETIME_TOO_LONG`)
             * @example 30
             */
            expiresInDays?: number;
            /**
             * @description With scope `municipality`: its kommunenummer
             * @example 5028
             */
            municipality?: string;
            /**
             * @description What the feed follows
             * @example council
             * @enum {string}
             */
            scope: "council" | "municipality";
        };
        LaunchRoundDto: {
            /**
             * @description The last day to decide, Europe/Oslo; it ends 23:59:59 local time
             * @example 2022-12-15
             */
            deadline: string;
            /** @description How the round is decided; `{ "kind": "unanimity" }` when left out. Agreement versions and fee changes that raise any member's fee need unanimity; any other rule is refused (422) for them. */
            decisionRule?: components["schemas"]["DecisionRuleDto"];
            /**
             * @description Close the round by itself when the deadline has passed
             * @default false
             * @example false
             */
            expiresAutomatically: boolean;
            /**
             * @description Show the round on the council's public status page (/public/{slug})
             * @default false
             * @example true
             */
            public: boolean;
            /**
             * @description Days before the deadline to remind undecided members
             * @default [
             *       14,
             *       7,
             *       1
             *     ]
             * @example [
             *       14,
             *       7,
             *       1
             *     ]
             */
            reminderDaysBefore: number[];
            subject: components["schemas"]["RoundSubjectDto"];
            /**
             * @description Defaults to a title made from the subject
             * @example Medlemsavgift 2023
             */
            title?: string;
        };
        LeaveDto: {
            /**
             * Format: date
             * @description Its last day as a member
             * @example 2026-12-31
             */
            leftOn: string;
            /**
             * @description Why it leaves, for the record
             * @example Uttreden etter avtalens § 12
             */
            reason: string;
        };
        LiveEventResponse: {
            /** @example clerk.5031 */
            actor: string;
            /** @example 2022-11-25T11:00:00.000Z */
            at: string;
            /**
             * @example {
             *       "municipalityNumber": "5031",
             *       "after": {
             *         "status": "adopted"
             *       }
             *     }
             */
            data: {
                [key: string]: unknown;
            };
            /**
             * @description The event id; also the message’s `id:`, sent back as Last-Event-ID on reconnect
             * @example 42
             */
            id: string;
            /**
             * Format: uuid
             * @example 9b2c4e1a-7d3f-4a8e-b5c6-0f1e2d3c4b5a
             */
            roundId: string;
            /**
             * @description Also the message’s `event:`: round.launched, decision.registered, round.settled …
             * @example decision.registered
             */
            type: string;
        };
        MemberDecisionResponse: {
            /** @description null until something is registered */
            decision: components["schemas"]["DecisionResponse"] | null;
            /**
             * @description Send it back in If-Match to guard against lost updates
             * @example "3f2a9c1e-5001-2"
             */
            etag: string;
            /** @example 5001 */
            municipalityNumber: string;
            /** @example Trondheim */
            name: string;
            /**
             * @description Undecided after the deadline
             * @example false
             */
            overdue: boolean;
            revisions: components["schemas"]["RevisionResponse"][];
            /**
             * Format: uuid
             * @example 9b2c4e1a-7d3f-4a8e-b5c6-0f1e2d3c4b5a
             */
            roundId: string;
            /**
             * @example adopted
             * @enum {string}
             */
            status: "pending" | "scheduled" | "adopted" | "rejected" | "adopted_with_amendments" | "postponed";
        };
        MemberResponse: {
            /**
             * @description How the membership ends: it left, its notice of withdrawal takes effect, or it merged into `succeededBy`; null while open-ended
             * @example merger
             * @enum {string|null}
             */
            ending: "left" | "withdrawal" | "merger" | null;
            /**
             * Format: date
             * @example 2020-01-01
             */
            joinedOn: string;
            /**
             * Format: date
             * @description Its last day as a member (a notice of withdrawal or a merger may set it ahead); null while open-ended
             * @example 2024-12-31
             */
            leftOn: string | null;
            /**
             * @description Official four-digit kommunenummer
             * @example 5035
             */
            municipalityNumber: string;
            /** @example Stjørdal */
            name: string;
            /**
             * Format: date
             * @description The day its notice of withdrawal was given
             * @example 2026-12-02
             */
            noticeGivenOn: string | null;
            /**
             * @description Seats in representantskapet
             * @example 2
             */
            representatives: number;
            /**
             * @description The kommunenummer of the municipality it merged into
             * @example 5001
             */
            succeededBy: string | null;
        };
        MeResponse: {
            /**
             * @description The token’s `name`, or the subject when the token has none
             * @example Kari Nordmann
             */
            name: string;
            /** @description Grants this version understands; unknown roles are left out */
            roles: components["schemas"]["RoleGrantResponse"][];
            /**
             * @description The token’s `sub`
             * @example kari.nordmann
             */
            subject: string;
        };
        MergeDto: {
            /**
             * Format: date
             * @description The successor’s first day; the predecessors end the day before
             * @example 2020-01-01
             */
            effectiveFrom: string;
            /**
             * @description The members that merge (the successor among them when it keeps its number)
             * @example [
             *       "5024",
             *       "5016"
             *     ]
             */
            predecessors: string[];
            /**
             * @description Why, for the record (the merger’s decision)
             * @example Kommunesammenslåing vedtatt av Stortinget 8. juni 2017
             */
            reason: string;
            /**
             * @description The successor’s seats in representantskapet; the predecessors’ together when left out
             * @example 3
             */
            representatives?: number;
            successor: components["schemas"]["SuccessorDto"];
        };
        MergerResponse: {
            /**
             * Format: date
             * @description The successor’s first day; the predecessors’ last is the day before
             * @example 2020-01-01
             */
            effectiveFrom: string;
            /** @description The predecessors that ended (not the successor when it kept its number) */
            predecessors: components["schemas"]["MemberResponse"][];
            successor: components["schemas"]["MemberResponse"];
        };
        MinimumContentDto: {
            /**
             * @description Where the text answers § 18-4 a) the council’s name
             * @example § 1
             */
            a?: string;
            /**
             * @description Where the text answers § 18-4 b) whether it is its own legal entity
             * @example § 2
             */
            b?: string;
            /**
             * @description Where the text answers § 18-4 c) how many members each participant has in representantskapet
             * @example § 5
             */
            c?: string;
            /**
             * @description Where the text answers § 18-4 d) which matters it may handle
             * @example § 3
             */
            d?: string;
            /**
             * @description Where the text answers § 18-4 e) what authority is delegated to it
             * @example § 4
             */
            e?: string;
            /**
             * @description Where the text answers § 18-4 f) ownership share and share of liability
             * @example § 9
             */
            f?: string;
            /**
             * @description Where the text answers § 18-4 g) how a participant withdraws
             * @example § 11
             */
            g?: string;
            /**
             * @description Where the text answers § 18-4 h) how it is dissolved, and who keeps its archives
             * @example § 12
             */
            h?: string;
        };
        MinimumContentResponse: {
            /** @example § 1 */
            a?: string;
            /** @example § 2 */
            b?: string;
            /** @example § 5 */
            c?: string;
            /** @example § 3 */
            d?: string;
            /** @example § 4 */
            e?: string;
            /** @example § 9 */
            f?: string;
            /** @example § 11 */
            g?: string;
            /** @example § 12 */
            h?: string;
        };
        MunicipalityInboxResponse: {
            /**
             * Format: date-time
             * @description The instant the inbox shows
             * @example 2022-11-25T11:00:00.000Z
             */
            asOf: string;
            /** @description The last ten rounds, of any status, in which its kommunestyre has made a final decision (adopted, rejected or adopted_with_amendments): the latest meeting first */
            decided: components["schemas"]["DecidedRoundResponse"][];
            /** @description One per open round the municipality is in, across every council. Most urgent first: those with `action: register` first, then by deadline (earliest first), then by council slug, then by round id */
            items: components["schemas"]["InboxItemResponse"][];
            municipality: components["schemas"]["InboxMunicipalityResponse"];
        };
        NotificationResponse: {
            /**
             * @description Plain text; ends with the link to the page it concerns
             * @example Malvik har ennå ikke registrert vedtaket i saken «Medlemsavgift 2023» fra Trondheimsregionen. Fristen er 15. desember 2022 (om 7 dager).
             *
             *     Registrer vedtaket når saken er behandlet, eller meld inn møtedatoen saken er satt opp til.
             *
             *     Åpne saken: https://vedtak.example.no/rounds/3f2a9c1e-0d1b-4c5e-8f7a-6b5c4d3e2f1a
             */
            body: string;
            /**
             * @description The council’s slug
             * @example trondheimsregionen
             */
            council: string | null;
            /**
             * Format: date-time
             * @example 2022-12-08T07:00:00.000Z
             */
            createdAt: string;
            /**
             * Format: uuid
             * @example 0b7c2f0e-5d43-4a8e-9d0a-2f1c3b4a5d6e
             */
            id: string;
            /**
             * @description Why you were notified
             * @example reminder
             * @enum {string}
             */
            kind: "reminder" | "overdue" | "escalation" | "settled" | "veto" | "in_force" | "extended" | "withdrawn" | "expired" | "postponed" | "forecast_late";
            /**
             * @description The page to open, relative to the site. Opening it decides nothing.
             * @example /rounds/3f2a9c1e-0d1b-4c5e-8f7a-6b5c4d3e2f1a
             */
            link: string | null;
            /**
             * Format: date-time
             * @description When you first marked it read; null while unread
             * @example 2022-12-08T09:30:00.000Z
             */
            readAt: string | null;
            /**
             * Format: uuid
             * @example 3f2a9c1e-0d1b-4c5e-8f7a-6b5c4d3e2f1a
             */
            roundId: string | null;
            /** @example Påminnelse: Medlemsavgift 2023 har frist 15. desember 2022 */
            subject: string;
        };
        OutcomeResponse: {
            /**
             * @description The member whose decision settled it
             * @example 5054
             */
            decisiveMunicipalityNumber: string;
            /** @example 2022-12-01T10:00:00.000Z */
            settledAt: string;
            /**
             * @example approved
             * @enum {string}
             */
            status: "approved" | "rejected";
        };
        PreviewAllocationDto: {
            /**
             * @description The name of one of the council’s cost keys
             * @example fees-2022
             */
            costKey: string;
            /**
             * @description Share in whole øre (default) or whole kroner; with kroner the total must be whole kroner
             * @default ore
             * @example ore
             * @enum {string}
             */
            roundTo: "ore" | "krone";
            /**
             * @description The total to share, NOK as a string with at most two decimals
             * @example 10000000.00
             */
            total: string;
        };
        ProblemResponse: {
            /**
             * @description Stable code of a rule that refused the request
             * @example DECISION.BODY_NOT_ALLOWED
             */
            code?: string;
            /** @example The request has a field that cannot be accepted. */
            detail: string;
            /**
             * @description What the refusing rule names, such as the missing items of § 18-4 or the members a cost key leaves out
             * @example {
             *       "field": "subject.versionId",
             *       "missing": [
             *         "c",
             *         "g"
             *       ]
             *     }
             */
            details?: {
                [key: string]: unknown;
            };
            errors?: components["schemas"]["FieldProblemResponse"][];
            /** @example /api/rounds/3f2a9c1e-…/decisions/5031 */
            instance?: string;
            /**
             * @description With `/problems/invalid-token`: why the token was refused
             * @example expired
             */
            reason?: string;
            /** @example 400 */
            status: number;
            /** @example Bad Request */
            title: string;
            /** @example /problems/validation-failed */
            type: string;
        };
        ProgressResponse: {
            /** @example 5 */
            adopted: number;
            /** @example 0 */
            adopted_with_amendments: number;
            /** @example 0 */
            overdue: number;
            /** @example 2 */
            pending: number;
            /** @example 0 */
            postponed: number;
            /** @example 0 */
            rejected: number;
            /** @example 1 */
            scheduled: number;
            /** @example 8 */
            total: number;
        };
        PutCostKeyDto: {
            /**
             * @description One weight per current member, no more and no fewer, as exact non-negative decimal strings (whole JSON numbers are accepted too; numbers with decimals are not, since JSON cannot hold them exactly). At most 20 digits before the dot and 10 after; not all zero.
             * @example {
             *       "5001": "67",
             *       "5027": "2",
             *       "5028": "6",
             *       "5029": "3",
             *       "5031": "5",
             *       "5035": "8",
             *       "5054": "3",
             *       "5059": "6"
             *     }
             */
            weights: {
                [key: string]: string;
            };
        };
        RecordAdoptedBeforeDto: {
            /**
             * Format: date
             * @description The day the last member adopted it; not in the future
             * @example 2020-06-18
             */
            adoptedOn: string;
            /**
             * @description Why it is recorded rather than sent out, e.g. where the decisions are archived
             * @example Vedtatt i alle kommunestyrer før rådet tok i bruk systemet; se sak 2020/1234.
             */
            reason: string;
        };
        RecordedHeadDto: {
            /**
             * Format: uuid
             * @description The council, or null for the events of no council
             * @example 0b7c2f0e-5d43-4a8e-9d0a-2f1c3b4a5d6e
             */
            councilId: string | null;
            /** @example trondheimsregionen */
            councilSlug?: string | null;
            /** @example 4711 */
            headEventId?: string;
            /**
             * @description The hash of its newest event then
             * @example 3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea
             */
            headHash: string;
            /**
             * @description How many events the chain had
             * @example 128
             */
            length: number;
        };
        RecordFeesDto: {
            /**
             * @description Exactly one amount per current member
             * @example [
             *       {
             *         "municipalityNumber": "5001",
             *         "amount": "3320454.00"
             *       },
             *       {
             *         "municipalityNumber": "5035",
             *         "amount": "610573.00"
             *       }
             *     ]
             */
            fees: components["schemas"]["FeeLineDto"][];
            /**
             * @description Why it is recorded rather than decided in a round, e.g. where the decisions are archived
             * @example Medlemsavgift 2022, vedtatt før rådet tok i bruk systemet
             */
            reason: string;
        };
        RegisterDecisionDto: {
            /**
             * @description Only the kommunestyre itself may decide (§ 18-4)
             * @default kommunestyre
             * @enum {string}
             */
            body: "kommunestyre" | "bystyre";
            /**
             * @description Required with a decision
             * @example 2022/1234
             */
            caseNumber?: string;
            /**
             * @example adopted
             * @enum {string}
             */
            decision: "scheduled" | "adopted" | "rejected" | "adopted_with_amendments" | "postponed";
            /**
             * @description The meeting: in the future for `scheduled`, not in the future for a decision
             * @example 2022-11-24
             */
            meetingDate: string;
            /**
             * @description With `postponed`: the next meeting, if known
             * @example 2022-12-15
             */
            nextMeetingDate?: string;
            /** @example Formannskapet innstilte enstemmig. */
            note?: string;
            /**
             * @description Protocol URL or archive reference; required with a decision
             * @example https://innsyn.malvik.kommune.no/moter/2022-11-24#sak-87
             */
            protocolRef?: string;
            /**
             * @description Required to correct what was registered
             * @example Feil saksnummer
             */
            reason?: string;
            votes?: components["schemas"]["VotesDto"];
        };
        RegisterDecisionResponse: {
            member: components["schemas"]["RoundMemberResponse"];
            round: components["schemas"]["RoundStatusResponse"];
            /**
             * @description The step taken: schedule, reschedule, reopen, adopt, reject, adopt_with_amendments, postpone, correct, correct_references or unchanged
             * @example adopt
             */
            transition: string;
        };
        RevisionResponse: {
            /**
             * @example bystyre
             * @enum {string|null}
             */
            body: "kommunestyre" | "bystyre" | null;
            /** @example 2022/1234 */
            caseNumber: string | null;
            /** @example 2022-11-24 */
            meetingDate: string | null;
            /**
             * @description When postponed: the next meeting
             * @example 2022-12-08
             */
            nextMeetingDate: string | null;
            /** @example Formannskapet innstilte enstemmig. */
            note: string | null;
            /** @example https://innsyn.trondheim.kommune.no/moter/2022-11-24#sak-87 */
            protocolRef: string | null;
            /**
             * @description Why a correction was made
             * @example Feil saksnummer
             */
            reason: string | null;
            /** @example 2022-11-25T09:12:00.000Z */
            registeredAt: string;
            /** @example clerk.5001 */
            registeredBy: string;
            /**
             * @description The name of whoever registered it, once they have signed in
             * @example Kari Nordmann
             */
            registeredByName: string | null;
            /**
             * @description Counts every registration and correction
             * @example 1
             */
            revision: number;
            /**
             * @example adopted
             * @enum {string}
             */
            status: "pending" | "scheduled" | "adopted" | "rejected" | "adopted_with_amendments" | "postponed";
            /** @example adopt */
            transition: string;
            votes: components["schemas"]["VotesResponse"] | null;
        };
        RoleGrantResponse: {
            /**
             * @description Council slug; with `secretariat` and `leader`
             * @example trondheimsregionen
             */
            council?: string;
            /**
             * @description Kommunenummer (four digits); with `clerk`
             * @example 5031
             */
            municipality?: string;
            /**
             * @example secretariat
             * @enum {string}
             */
            role: "admin" | "secretariat" | "leader" | "clerk";
        };
        RoundMemberResponse: {
            /** @description null until something is registered */
            decision: components["schemas"]["DecisionResponse"] | null;
            /** @example 5001 */
            municipalityNumber: string;
            /** @example Trondheim */
            name: string;
            /**
             * @description Undecided after the deadline
             * @example false
             */
            overdue: boolean;
            /**
             * @example adopted
             * @enum {string}
             */
            status: "pending" | "scheduled" | "adopted" | "rejected" | "adopted_with_amendments" | "postponed";
        };
        RoundResponse: {
            /** @description Frozen at launch (merged members’ shares go to their successor); null for an agreement */
            allocation: components["schemas"]["AllocationLineResponse"][] | null;
            /** @example trondheimsregionen */
            council: string;
            /**
             * @description Calendar days from today in Oslo to the deadline: 0 on the day itself, negative once passed
             * @example 20
             */
            daysToDeadline: number;
            /**
             * @description Ends 23:59:59 Europe/Oslo
             * @example 2022-12-15
             */
            deadline: string;
            decisionRule: components["schemas"]["DecisionRuleResponse"];
            /** @description Amendments of the electorate since the launch, oldest first */
            electorateChanges: components["schemas"]["ElectorateChangeResponse"][];
            forecast: components["schemas"]["ForecastResponse"];
            /**
             * Format: uuid
             * @example 9b2c4e1a-7d3f-4a8e-b5c6-0f1e2d3c4b5a
             */
            id: string;
            /** @example 2022-10-01T08:00:00.000Z */
            launchedAt: string;
            /** @example sekretariat.trondheimsregionen */
            launchedBy: string;
            members: components["schemas"]["RoundMemberResponse"][];
            outcome: components["schemas"]["OutcomeResponse"] | null;
            progress: components["schemas"]["ProgressResponse"];
            /**
             * @description Shown on the council's public status page
             * @example false
             */
            public: boolean;
            /**
             * @example [
             *       14,
             *       7,
             *       1
             *     ]
             */
            reminderDaysBefore: number[];
            /**
             * @example open
             * @enum {string}
             */
            status: "open" | "approved" | "rejected" | "withdrawn" | "expired";
            /**
             * @description Why it was withdrawn or closed; null otherwise
             * @example Nye budsjettrammer
             */
            statusReason: string | null;
            subject: components["schemas"]["SubjectResponse"];
            /** @example Medlemsavgift fra 2023-01-01: NOK 10000000.00 */
            title: string;
        };
        RoundStatusResponse: {
            /**
             * Format: uuid
             * @example 9b2c4e1a-7d3f-4a8e-b5c6-0f1e2d3c4b5a
             */
            id: string;
            outcome: components["schemas"]["OutcomeResponse"] | null;
            /**
             * @example approved
             * @enum {string}
             */
            status: "open" | "approved" | "rejected" | "withdrawn" | "expired";
        };
        RoundSubjectDto: {
            /**
             * @description With `fees`: the cost key that allocates the total
             * @example fees-2022
             */
            costKey?: string;
            /**
             * @description With `fees`: the date the new fees apply from
             * @example 2023-01-01
             */
            effectiveFrom?: string;
            /**
             * @description With `fees`: allocate in øre or in whole kroner
             * @default ore
             * @enum {string}
             */
            roundTo: "ore" | "krone";
            /**
             * @description With `fees`: the new yearly total in NOK
             * @example 10000000.00
             */
            total?: string;
            /**
             * @example fees
             * @enum {string}
             */
            type: "agreement" | "fees";
            /**
             * Format: uuid
             * @description With `agreement`: the version to adopt (it must answer § 18-4 a–h)
             * @example 3f1c9a52-4b7e-4c1d-9a43-2f0e8b6d7c11
             */
            versionId?: string;
        };
        RoundSummaryResponse: {
            /**
             * @description When it was settled, withdrawn or expired; null while open
             * @example 2022-12-01T10:00:00.000Z
             */
            closedAt: string | null;
            /** @example trondheimsregionen */
            council: string;
            /**
             * @description Ends 23:59:59 Europe/Oslo
             * @example 2022-12-15
             */
            deadline: string;
            decisionRule: components["schemas"]["DecisionRuleResponse"];
            /**
             * Format: uuid
             * @example 9b2c4e1a-7d3f-4a8e-b5c6-0f1e2d3c4b5a
             */
            id: string;
            /** @example 2022-10-01T08:00:00.000Z */
            launchedAt: string;
            outcome: components["schemas"]["OutcomeResponse"] | null;
            progress: components["schemas"]["ProgressResponse"];
            /**
             * @description Shown on the council's public status page
             * @example false
             */
            public: boolean;
            /**
             * @example open
             * @enum {string}
             */
            status: "open" | "approved" | "rejected" | "withdrawn" | "expired";
            /**
             * @description Why it was withdrawn or closed; null otherwise
             * @example Nye budsjettrammer
             */
            statusReason: string | null;
            subject: components["schemas"]["SubjectResponse"];
            /** @example Medlemsavgift fra 2023-01-01: NOK 10000000.00 */
            title: string;
        };
        SectionChangeResponse: {
            /**
             * @description `changed` when the heading or the wording differs
             * @example changed
             * @enum {string}
             */
            change: "added" | "removed" | "changed" | "same";
            /**
             * @description The heading in the version (in the one compared against, for a removed section)
             * @example Representantskapet
             */
            heading: string;
            /**
             * @description The text word by word: `same` and `removed` parts in order give the text compared against, `same` and `added` the version’s text
             * @example [
             *       {
             *         "kind": "same",
             *         "text": "Hver deltaker har "
             *       },
             *       {
             *         "kind": "removed",
             *         "text": "ni"
             *       },
             *       {
             *         "kind": "added",
             *         "text": "to"
             *       },
             *       {
             *         "kind": "same",
             *         "text": " medlemmer i representantskapet."
             *       }
             *     ]
             */
            parts: components["schemas"]["TextPartResponse"][];
            /**
             * @description The heading before, only when the version changes it
             * @example Representantskap
             */
            previousHeading?: string;
            /**
             * @description The section’s ref, by which the two versions’ sections are matched
             * @example § 4
             */
            ref: string;
        };
        SettingsDto: {
            /**
             * @description The kinds of notice you take in the app only, without an e-mail; every notice is in the app whatever you choose. Empty: every kind also comes by e-mail. The kinds: reminder, overdue, escalation, settled, veto, in_force, extended, withdrawn, expired, postponed, forecast_late. Left out: kept as it was
             * @example [
             *       "reminder",
             *       "escalation"
             *     ]
             */
            emailOffKinds?: ("reminder" | "overdue" | "escalation" | "settled" | "veto" | "in_force" | "extended" | "withdrawn" | "expired" | "postponed" | "forecast_late")[];
            /**
             * @description Bokmål, nynorsk or English; null follows the municipality
             * @example nn
             * @enum {string|null}
             */
            language: "nb" | "nn" | "en" | null;
        };
        SettingsResponse: {
            /**
             * @description The kinds of notice you take in the app only, without an e-mail; every notice is in the app whatever you choose. Empty: every kind also comes by e-mail. The kinds: reminder, overdue, escalation, settled, veto, in_force, extended, withdrawn, expired, postponed, forecast_late
             * @example [
             *       "reminder",
             *       "escalation"
             *     ]
             */
            emailOffKinds: ("reminder" | "overdue" | "escalation" | "settled" | "veto" | "in_force" | "extended" | "withdrawn" | "expired" | "postponed" | "forecast_late")[];
            /**
             * @example nn
             * @enum {string|null}
             */
            language: "nb" | "nn" | "en" | null;
        };
        SettledRoundResponse: {
            /**
             * @description The member whose decision settled it
             * @example 5054
             */
            decisiveMunicipalityNumber: string;
            /**
             * Format: uuid
             * @example 9b2c4e1a-7d3f-4a8e-b5c6-0f1e2d3c4b5a
             */
            id: string;
            /**
             * Format: date-time
             * @example 2022-12-09T08:00:00.000Z
             */
            settledAt: string;
            /**
             * @example approved
             * @enum {string}
             */
            status: "approved" | "rejected";
            /** @example Medlemsavgift fra 2023-01-01: NOK 10000000.00 */
            title: string;
        };
        SubjectResponse: {
            /** @example fees-2022 */
            costKey?: string;
            /** @example 2023-01-01 */
            effectiveFrom: string;
            /**
             * @example ore
             * @enum {string}
             */
            roundTo?: "ore" | "krone";
            /** @example 10000000.00 */
            total?: string;
            /**
             * @example fees
             * @enum {string}
             */
            type: "agreement" | "fees";
            /**
             * Format: uuid
             * @example 3f1c9a52-4b7e-4c1d-9a43-2f0e8b6d7c11
             */
            versionId?: string;
            /** @example Samarbeidsavtale 2020 */
            versionTitle?: string;
        };
        SuccessorDto: {
            /**
             * @description Its kommunenummer: a new one (Orkland, 5059) or one of the predecessors’ (Trondheim, 5001)
             * @example 5059
             */
            municipalityNumber: string;
            /**
             * @description Its name; for a known kommunenummer the registered name
             * @example Orkland
             */
            name: string;
        };
        TextPartResponse: {
            /**
             * @example removed
             * @enum {string}
             */
            kind: "same" | "added" | "removed";
            /**
             * @description The words, with their spaces and line breaks
             * @example ni
             */
            text: string;
        };
        UpsertMemberDto: {
            /**
             * Format: date
             * @description The day the municipality joined the council
             * @example 2020-01-01
             */
            joinedOn: string;
            /**
             * @description The municipality’s name. A kommunenummer not known yet is registered with it; for a known one it must be the registered name (shared by every council), which only the admin may change
             * @example Stjørdal
             */
            name: string;
            /**
             * @description Its seats in representantskapet
             * @example 2
             */
            representatives: number;
        };
        VerifyAgainstHeadsDto: {
            /**
             * @description Heads recorded earlier (the `heads` of an earlier answer will do), at most 1000
             * @example [
             *       {
             *         "councilId": "0b7c2f0e-5d43-4a8e-9d0a-2f1c3b4a5d6e",
             *         "length": 128,
             *         "headHash": "3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea"
             *       }
             *     ]
             */
            heads: components["schemas"]["RecordedHeadDto"][];
        };
        VotesDto: {
            /** @example 2 */
            against: number;
            /** @example 0 */
            blank: number;
            /** @example 35 */
            for: number;
        };
        VotesResponse: {
            /** @example 2 */
            against: number;
            /** @example 0 */
            blank: number;
            /** @example 35 */
            for: number;
        };
        WithdrawalRuleDto: {
            /**
             * @description Whether the withdrawal then takes effect on 31 December of the year the notice runs out
             * @example true
             */
            atYearEnd: boolean;
            /**
             * @description Months of notice, from the day the notice is given
             * @example 12
             */
            noticeMonths: number;
        };
        WithdrawalRuleResponse: {
            /**
             * @description Whether the withdrawal then takes effect on 31 December of the year the notice runs out
             * @example true
             */
            atYearEnd: boolean;
            /**
             * @description Months of notice, from the day the notice is given
             * @example 12
             */
            noticeMonths: number;
        };
        WithdrawRoundDto: {
            /** @example Forslaget trekkes etter nye budsjettrammer */
            reason: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    AuditController_verifyChain: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditChainResponse"];
                };
            };
            /** @description No token, or a token that is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Signed in, but without the right for this object */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    AuditController_verifyAgainst: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VerifyAgainstHeadsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditChainResponse"];
                };
            };
            /** @description Malformed request: bad JSON, wrong types, unknown or missing fields (`errors` names them) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No token, or a token that is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Signed in, but without the right for this object */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    AuthConfigController_signInSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthConfigResponse"];
                };
            };
            /** @description No such object, or none the caller may see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    CouncilsController_list: {
        parameters: {
            query?: {
                /** @description Opaque: the position after which the page starts, from the `Link: <…>; rel="next"` header of the previous page. Leave out for the first page. */
                cursor?: string;
                /** @description How many items the page holds at most: 1 to 200; 50 when left out */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page, in the list’s order */
            200: {
                headers: {
                    /** @description RFC 8288. `<…>; rel="next"` with the address of the next page (the same filters and `limit`, and an opaque `cursor`); absent on the last page. */
                    Link?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CouncilSummaryResponse"][];
                };
            };
            /** @description A path or query parameter is malformed; `errors[].field` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No bearer token, or one the API refuses */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    CouncilsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCouncilDto"];
            };
        };
        responses: {
            /** @description The council; `Location` is its address */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CouncilResponse"];
                };
            };
            /** @description Malformed JSON, a missing or unknown field, or a field of the wrong type; `errors[].field` names each */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No bearer token, or one the API refuses */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The caller is not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description A council with that slug exists already (`errors[].field` is `slug`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    CouncilsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The council’s slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CouncilResponse"];
                };
            };
            /** @description No bearer token, or one the API refuses */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No council by that slug that the caller can see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    AgreementController_inForce: {
        parameters: {
            query?: {
                /** @description The day to ask about, past or future; today (Europe/Oslo) when left out */
                on?: string;
            };
            header?: never;
            path: {
                /** @description The council’s slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgreementVersionResponse"];
                };
            };
            /** @description A path or query parameter is malformed; `errors[].field` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No bearer token, or one the API refuses */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No such council that the caller can see, or no version in force on that date */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    AgreementController_list: {
        parameters: {
            query?: {
                /** @description Opaque: the position after which the page starts, from the `Link: <…>; rel="next"` header of the previous page. Leave out for the first page. */
                cursor?: string;
                /** @description How many items the page holds at most: 1 to 200; 50 when left out */
                limit?: number;
            };
            header?: never;
            path: {
                /** @description The council’s slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page, in the list’s order */
            200: {
                headers: {
                    /** @description RFC 8288. `<…>; rel="next"` with the address of the next page (the same filters and `limit`, and an opaque `cursor`); absent on the last page. */
                    Link?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgreementVersionResponse"][];
                };
            };
            /** @description A path or query parameter is malformed; `errors[].field` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No bearer token, or one the API refuses */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The caller can see the council but is neither its secretariat nor a leader */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No council by that slug that the caller can see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    AgreementController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The council’s slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAgreementVersionDto"];
            };
        };
        responses: {
            /** @description The version, numbered within the council’s agreement */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgreementVersionResponse"];
                };
            };
            /** @description Malformed JSON, a missing or unknown field, or a field of the wrong type; `errors[].field` names each */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No bearer token, or one the API refuses */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The caller can see the council but is not its secretariat */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No council by that slug that the caller can see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Two sections with the same ref (`errors[].field` is `sections`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    AgreementController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The version’s id */
                id: string;
                /** @description The council’s slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgreementVersionResponse"];
                };
            };
            /** @description A path or query parameter is malformed; `errors[].field` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No bearer token, or one the API refuses */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The caller can see the council but is neither its secretariat nor a leader */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No such council that the caller can see, or no such version in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    AgreementController_adoptedBefore: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The version’s id */
                id: string;
                /** @description The council’s slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecordAdoptedBeforeDto"];
            };
        };
        responses: {
            /** @description The version, now adopted (`adoption` is `onboarding`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgreementVersionResponse"];
                };
            };
            /** @description Malformed JSON, a missing or unknown field, or a field of the wrong type; `errors[].field` names each */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No bearer token, or one the API refuses */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The caller can see the council but is not its secretariat */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No such council that the caller can see, or no such version in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The version is adopted already, is out for decision in an open round, or a version adopted in a round came into force first */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The version lacks items of § 18-4 (`details.missing` lists the letters), or `adoptedOn` is in the future */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    AgreementController_changes: {
        parameters: {
            query?: {
                /** @description The id of the version to compare with; the one in force today (Europe/Oslo) when left out */
                against?: string;
            };
            header?: never;
            path: {
                /** @description The version’s id */
                id: string;
                /** @description The council’s slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgreementChangesResponse"];
                };
            };
            /** @description A path or query parameter is malformed; `errors[].field` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No bearer token, or one the API refuses */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No such council that the caller can see, or no such version in it (the one in the path or the one in `against`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    AllocationsController_preview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The council’s slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PreviewAllocationDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AllocationPreviewResponse"];
                };
            };
            /** @description Malformed JSON, a missing or unknown field, or a field of the wrong type; `errors[].field` names each */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No bearer token, or one the API refuses */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The caller can see the council but is neither its secretariat nor a leader */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No council by that slug that the caller can see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No cost key by that name, or one that no longer matches the members (`errors[].field` is `costKey`); a total with øre shared in kroner (`total`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    CalendarController_council: {
        parameters: {
            query: {
                /** @description The feed token from `POST /api/me/calendar-feeds`; a bearer token, or a signed feed token of old, is not accepted here */
                token: unknown;
            };
            header?: {
                /** @description The Last-Modified of the copy the calendar app has: 304 when nothing changed since */
                "If-Modified-Since"?: string;
                /** @description The ETag of the copy the calendar app has: 304 when it is still current */
                "If-None-Match"?: string;
            };
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An iCalendar object (RFC 5545): all-day events for the deadlines of the open rounds and of those closed in the last three months (a withdrawn round’s is CANCELLED), and the scheduled meetings */
            200: {
                headers: {
                    /** @description Private to the subscriber: the address carries a credential */
                    "Cache-Control"?: string;
                    /** @description Changes whenever the feed’s content does */
                    ETag?: string;
                    /** @description When the feed’s content last changed */
                    "Last-Modified"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": string;
                };
            };
            /** @description Not Modified: the copy named by If-None-Match or If-Modified-Since is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed request: bad JSON, wrong types, unknown or missing fields (`errors` names them) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No token, or a token that is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No such object, or none the caller may see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    CostKeysController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The key’s name: lower-case letters and digits joined by dashes */
                key: string;
                /** @description The council’s slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CostKeyResponse"];
                };
            };
            /** @description A path or query parameter is malformed; `errors[].field` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No bearer token, or one the API refuses */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No such council that the caller can see, or no such key in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    CostKeysController_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The key’s name: lower-case letters and digits joined by dashes */
                key: string;
                /** @description The council’s slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutCostKeyDto"];
            };
        };
        responses: {
            /** @description The key as stored, created or replaced */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CostKeyResponse"];
                };
            };
            /** @description Malformed JSON, a missing or unknown field, or a field of the wrong type; `errors[].field` names each */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No bearer token, or one the API refuses */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The caller can see the council but is not its secretariat */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No council by that slug that the caller can see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The weights break a rule; `code` says which: ALLOCATION.MEMBER_MISSING, ALLOCATION.NOT_A_MEMBER, ALLOCATION.NEGATIVE_WEIGHT, ALLOCATION.ALL_ZERO_WEIGHTS, ALLOCATION.INVALID_WEIGHT, ALLOCATION.EMPTY_KEY, COST_KEY.WEIGHT_TOO_PRECISE; `details.municipalityNumbers` names them */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    DashboardController_read: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CouncilDashboardResponse"];
                };
            };
            /** @description Malformed request: bad JSON, wrong types, unknown or missing fields (`errors` names them) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No token, or a token that is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Signed in, but without the right for this object */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No such object, or none the caller may see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    FeesController_inForce: {
        parameters: {
            query?: {
                /** @description The day to ask about, past or future; today (Europe/Oslo) when left out */
                on?: string;
            };
            header?: never;
            path: {
                /** @description The council’s slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FeeScheduleResponse"];
                };
            };
            /** @description A path or query parameter is malformed; `errors[].field` names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No bearer token, or one the API refuses */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No such council that the caller can see, or no schedule in force on that date */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    FeesController_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The day the schedule took effect */
                effectiveFrom: string;
                /** @description The council’s slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecordFeesDto"];
            };
        };
        responses: {
            /** @description The same schedule was recorded already; nothing changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FeeScheduleResponse"];
                };
            };
            /** @description The schedule was recorded */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FeeScheduleResponse"];
                };
            };
            /** @description Malformed JSON, a missing or unknown field, or a field of the wrong type; `errors[].field` names each */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No bearer token, or one the API refuses */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The caller can see the council but is not its secretariat */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No council by that slug that the caller can see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Only a fee round may set these fees; `code` says why and `details.roundId` and `details.title` name the round: `FEES.DATE_PROPOSED_BY_ROUND` (an open round proposes fees from that date), `FEES.CHANGE_NEEDS_ROUND` (a future date after the council’s first fee round), `FEES.AFTER_ROUND` (a schedule approved in a round came into force on or before it), or `FEES.SCHEDULE_EXISTS` (a different schedule from that date is recorded) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The fees do not cover exactly the current members (`errors[].field` is `fees`, `details.municipalityNumbers` names them), or the reason is blank */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    LiveController_live: {
        parameters: {
            query?: never;
            header?: {
                /** @description The id of the last event received: the events after it are sent first (at most the 500 latest) */
                "Last-Event-ID"?: string;
            };
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An open event stream; each `data:` is a LiveEventResponse */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description Malformed request: bad JSON, wrong types, unknown or missing fields (`errors` names them) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No token, or a token that is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Signed in, but without the right for this object */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No such object, or none the caller may see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The person has as many streams open as allowed (or a request budget is spent); `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    MembersController_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The official four-digit kommunenummer */
                municipalityNumber: string;
                /** @description The council’s slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpsertMemberDto"];
            };
        };
        responses: {
            /** @description The membership was updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberResponse"];
                };
            };
            /** @description The municipality was added as a member */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberResponse"];
                };
            };
            /** @description Malformed JSON, a missing or unknown field, or a field of the wrong type; `errors[].field` names each */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No bearer token, or one the API refuses */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The caller can see the council but is not its secretariat */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No council by that slug that the caller can see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The kommunenummer is registered under another name (`errors[].field` is `name`); only the admin may rename */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description A date that is not a real date */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    MembersController_leave: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The official four-digit kommunenummer */
                municipalityNumber: string;
                /** @description The council’s slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LeaveDto"];
            };
        };
        responses: {
            /** @description The membership as it ends */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberResponse"];
                };
            };
            /** @description Malformed JSON, a missing or unknown field, or a field of the wrong type; `errors[].field` names each */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No bearer token, or one the API refuses */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The caller can see the council but is not its secretariat */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No such council, or the municipality is not a member on that day */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Its membership already ended earlier */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description A day before it joined */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    MembersController_giveNotice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The official four-digit kommunenummer */
                municipalityNumber: string;
                /** @description The council’s slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GiveNoticeDto"];
            };
        };
        responses: {
            /** @description The membership with the day the withdrawal takes effect */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberResponse"];
                };
            };
            /** @description Malformed JSON, a missing or unknown field, or a field of the wrong type; `errors[].field` names each */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No bearer token, or one the API refuses */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The caller can see the council but is not its secretariat */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No such council, or the municipality is not a member on that day */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description A notice dated in the future, or one that would take effect before the member joined */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    MembershipsController_merge: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The council’s slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MergeDto"];
            };
        };
        responses: {
            /** @description The predecessors as they end and the successor */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MergerResponse"];
                };
            };
            /** @description Malformed JSON, a missing or unknown field, or a field of the wrong type; `errors[].field` names each */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No bearer token, or one the API refuses */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The caller can see the council but is not its secretariat */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No council by that slug that the caller can see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description A predecessor is not a member the day before, the successor is already a member under another membership, the successor’s name differs from the registered one, or a predecessor is recorded as merged otherwise in another council */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Fewer than two municipalities merging (or one that keeps its own number), or one named twice */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    RoundsController_listRounds: {
        parameters: {
            query?: {
                /** @description Opaque: the position after which the page starts, from the `Link: <…>; rel="next"` header of the previous page. Leave out for the first page. */
                cursor?: string;
                /** @description How many items the page holds at most: 1 to 200; 50 when left out */
                limit?: number;
                /** @description Only the rounds with this status */
                status?: "open" | "approved" | "rejected" | "withdrawn" | "expired";
            };
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of round summaries, newest launch first; the members and decisions are in GET /api/rounds/{id} */
            200: {
                headers: {
                    /** @description RFC 8288. `<…>; rel="next"` with the address of the next page (the same filters and `limit`, and an opaque `cursor`); absent on the last page. */
                    Link?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoundSummaryResponse"][];
                };
            };
            /** @description Malformed request: bad JSON, wrong types, unknown or missing fields (`errors` names them) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No token, or a token that is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No such object, or none the caller may see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    RoundsController_launchRound: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LaunchRoundDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoundResponse"];
                };
            };
            /** @description Malformed request: bad JSON, wrong types, unknown or missing fields (`errors` names them) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No token, or a token that is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Signed in, but without the right for this object */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No such object, or none the caller may see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The state does not allow it (e.g. the round is settled) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Well-formed, but a rule refuses it (`code` says which) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    MembershipsController_setWithdrawalRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The council’s slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WithdrawalRuleDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WithdrawalRuleResponse"];
                };
            };
            /** @description Malformed JSON, a missing or unknown field, or a field of the wrong type; `errors[].field` names each */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No bearer token, or one the API refuses */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The caller can see the council but is not its secretariat */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No council by that slug that the caller can see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    HealthController_overview: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /**
             * @description Both answer
             *
             *     The Health Check is successful
             */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       }
                         *     }
                         */
                        details?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        };
                        /** @example {} */
                        error?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       }
                         *     }
                         */
                        info?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /** @example ok */
                        status?: string;
                    };
                };
            };
            /**
             * @description A service it depends on does not answer; retry later
             *
             *     The Health Check is not successful
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       },
                         *       "redis": {
                         *         "status": "down",
                         *         "message": "Could not connect"
                         *       }
                         *     }
                         */
                        details?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        };
                        /**
                         * @example {
                         *       "redis": {
                         *         "status": "down",
                         *         "message": "Could not connect"
                         *       }
                         *     }
                         */
                        error?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       }
                         *     }
                         */
                        info?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /** @example error */
                        status?: string;
                    };
                };
            };
        };
    };
    HealthController_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /**
             * @description The process answers
             *
             *     The Health Check is successful
             */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       }
                         *     }
                         */
                        details?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        };
                        /** @example {} */
                        error?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       }
                         *     }
                         */
                        info?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /** @example ok */
                        status?: string;
                    };
                };
            };
            /** @description The Health Check is not successful */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       },
                         *       "redis": {
                         *         "status": "down",
                         *         "message": "Could not connect"
                         *       }
                         *     }
                         */
                        details?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        };
                        /**
                         * @example {
                         *       "redis": {
                         *         "status": "down",
                         *         "message": "Could not connect"
                         *       }
                         *     }
                         */
                        error?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       }
                         *     }
                         */
                        info?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /** @example error */
                        status?: string;
                    };
                };
            };
        };
    };
    HealthController_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /**
             * @description PostgreSQL answers
             *
             *     The Health Check is successful
             */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       }
                         *     }
                         */
                        details?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        };
                        /** @example {} */
                        error?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       }
                         *     }
                         */
                        info?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /** @example ok */
                        status?: string;
                    };
                };
            };
            /**
             * @description A service it depends on does not answer; retry later
             *
             *     The Health Check is not successful
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       },
                         *       "redis": {
                         *         "status": "down",
                         *         "message": "Could not connect"
                         *       }
                         *     }
                         */
                        details?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        };
                        /**
                         * @example {
                         *       "redis": {
                         *         "status": "down",
                         *         "message": "Could not connect"
                         *       }
                         *     }
                         */
                        error?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       }
                         *     }
                         */
                        info?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /** @example error */
                        status?: string;
                    };
                };
            };
        };
    };
    MeController_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeResponse"];
                };
            };
            /** @description No bearer token (`/problems/unauthenticated`) or one the API refuses (`/problems/invalid-token`, `reason` says why); problem+json with a `WWW-Authenticate: Bearer` challenge */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The identity provider’s keys could not be fetched to check the token */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    CalendarFeedsController_list: {
        parameters: {
            query?: {
                /** @description Opaque: the position after which the page starts, from the `Link: <…>; rel="next"` header of the previous page. Leave out for the first page. */
                cursor?: string;
                /** @description How many items the page holds at most: 1 to 200; 50 when left out */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page, in the list’s order */
            200: {
                headers: {
                    /** @description RFC 8288. `<…>; rel="next"` with the address of the next page (the same filters and `limit`, and an opaque `cursor`); absent on the last page. */
                    Link?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarFeedSummaryResponse"][];
                };
            };
            /** @description Malformed request: bad JSON, wrong types, unknown or missing fields (`errors` names them) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No token, or a token that is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    CalendarFeedsController_issue: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IssueCalendarFeedDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarFeedResponse"];
                };
            };
            /** @description Malformed request: bad JSON, wrong types, unknown or missing fields (`errors` names them) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No token, or a token that is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Signed in, but without the right for this object */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No such object, or none the caller may see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Well-formed, but a rule refuses it (`code` says which) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    CalendarFeedsController_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed request: bad JSON, wrong types, unknown or missing fields (`errors` names them) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No token, or a token that is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No such object, or none the caller may see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    NotificationsController_list: {
        parameters: {
            query?: {
                /** @description Opaque: the position after which the page starts, from the `Link: <…>; rel="next"` header of the previous page. Leave out for the first page. */
                cursor?: string;
                /** @description How many items the page holds at most: 1 to 200; 50 when left out */
                limit?: number;
                /** @description `true`: only the notices not yet marked read */
                unread?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page, in the list’s order */
            200: {
                headers: {
                    /** @description RFC 8288. `<…>; rel="next"` with the address of the next page (the same filters and `limit`, and an opaque `cursor`); absent on the last page. */
                    Link?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationResponse"][];
                };
            };
            /** @description Malformed request: bad JSON, wrong types, unknown or missing fields (`errors` names them) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No token, or a token that is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    NotificationsController_markRead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationResponse"];
                };
            };
            /** @description Malformed request: bad JSON, wrong types, unknown or missing fields (`errors` names them) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No token, or a token that is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No such object, or none the caller may see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    MeController_readSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SettingsResponse"];
                };
            };
            /** @description No token, or a token that is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    MeController_settings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SettingsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SettingsResponse"];
                };
            };
            /** @description Malformed request: bad JSON, wrong types, unknown or missing fields (`errors` names them) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No token, or a token that is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    CalendarController_municipality: {
        parameters: {
            query: {
                /** @description The feed token from `POST /api/me/calendar-feeds`; a bearer token, or a signed feed token of old, is not accepted here */
                token: unknown;
            };
            header?: {
                /** @description The Last-Modified of the copy the calendar app has: 304 when nothing changed since */
                "If-Modified-Since"?: string;
                /** @description The ETag of the copy the calendar app has: 304 when it is still current */
                "If-None-Match"?: string;
            };
            path: {
                /** @description Kommunenummer (four digits) */
                municipalityNumber: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An iCalendar object (RFC 5545): all-day events for the deadlines of the open rounds and of those closed in the last three months (a withdrawn round’s is CANCELLED), and the scheduled meetings */
            200: {
                headers: {
                    /** @description Private to the subscriber: the address carries a credential */
                    "Cache-Control"?: string;
                    /** @description Changes whenever the feed’s content does */
                    ETag?: string;
                    /** @description When the feed’s content last changed */
                    "Last-Modified"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": string;
                };
            };
            /** @description Not Modified: the copy named by If-None-Match or If-Modified-Since is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed request: bad JSON, wrong types, unknown or missing fields (`errors` names them) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No token, or a token that is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Signed in, but without the right for this object */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No such object, or none the caller may see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    InboxController_read: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Kommunenummer (four digits) */
                municipalityNumber: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MunicipalityInboxResponse"];
                };
            };
            /** @description Malformed request: bad JSON, wrong types, unknown or missing fields (`errors` names them) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No token, or a token that is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No such object, or none the caller may see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    RoundsController_getRound: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoundResponse"];
                };
            };
            /** @description Malformed request: bad JSON, wrong types, unknown or missing fields (`errors` names them) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No token, or a token that is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No such object, or none the caller may see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    RoundsController_amendElectorate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AmendElectorateDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoundResponse"];
                };
            };
            /** @description Malformed request: bad JSON, wrong types, unknown or missing fields (`errors` names them) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No token, or a token that is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Signed in, but without the right for this object */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No such object, or none the caller may see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The state does not allow it (e.g. the round is settled) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    RoundsController_getDecision: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                municipalityNumber: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The current revision */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberDecisionResponse"];
                };
            };
            /** @description Malformed request: bad JSON, wrong types, unknown or missing fields (`errors` names them) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No token, or a token that is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No such object, or none the caller may see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    RoundsController_registerDecision: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 200 visible ASCII characters */
                "Idempotency-Key"?: string;
                /** @description The ETag of the member decision last read; stale → 412 */
                "If-Match"?: string;
            };
            path: {
                id: string;
                municipalityNumber: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterDecisionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegisterDecisionResponse"];
                };
            };
            /** @description Malformed request: bad JSON, wrong types, unknown or missing fields (`errors` names them) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No token, or a token that is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Signed in, but without the right for this object */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No such object, or none the caller may see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The state does not allow it (e.g. the round is settled) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description If-Match is stale: read again and retry */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Well-formed, but a rule refuses it (`code` says which) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    RoundsController_events: {
        parameters: {
            query?: {
                /** @description Opaque: the position after which the page starts, from the `Link: <…>; rel="next"` header of the previous page. Leave out for the first page. */
                cursor?: string;
                /** @description How many items the page holds at most: 1 to 200; 50 when left out */
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page, in the list’s order */
            200: {
                headers: {
                    /** @description RFC 8288. `<…>; rel="next"` with the address of the next page (the same filters and `limit`, and an opaque `cursor`); absent on the last page. */
                    Link?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventResponse"][];
                };
            };
            /** @description Malformed request: bad JSON, wrong types, unknown or missing fields (`errors` names them) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No token, or a token that is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No such object, or none the caller may see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    RoundsController_expire: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExpireRoundDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoundResponse"];
                };
            };
            /** @description Malformed request: bad JSON, wrong types, unknown or missing fields (`errors` names them) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No token, or a token that is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Signed in, but without the right for this object */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No such object, or none the caller may see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The state does not allow it (e.g. the round is settled) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    ExportsController_csv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The CSV file, as an attachment */
            200: {
                headers: {
                    /** @description Saves the file as round-<first 8 characters of the round id> */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description Malformed request: bad JSON, wrong types, unknown or missing fields (`errors` names them) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No token, or a token that is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No such object, or none the caller may see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    ExportsController_pdf: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The PDF file, as an attachment */
            200: {
                headers: {
                    /** @description Saves the file as round-<first 8 characters of the round id> */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description Malformed request: bad JSON, wrong types, unknown or missing fields (`errors` names them) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No token, or a token that is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No such object, or none the caller may see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    RoundsController_extend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExtendRoundDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoundResponse"];
                };
            };
            /** @description Malformed request: bad JSON, wrong types, unknown or missing fields (`errors` names them) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No token, or a token that is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Signed in, but without the right for this object */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No such object, or none the caller may see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The state does not allow it (e.g. the round is settled) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Well-formed, but a rule refuses it (`code` says which) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
    RoundsController_withdraw: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WithdrawRoundDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoundResponse"];
                };
            };
            /** @description Malformed request: bad JSON, wrong types, unknown or missing fields (`errors` names them) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No token, or a token that is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description Signed in, but without the right for this object */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description No such object, or none the caller may see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The state does not allow it (e.g. the round is settled) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
            /** @description The body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemResponse"];
                };
            };
        };
    };
}

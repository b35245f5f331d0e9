import { defineMessages } from './i18n';

/** How a round is decided, the same words on every page (the exports and the public page say it so in bokmål). */
export const decisionRuleMessages = defineMessages({
  nb: {
    label: 'Beslutningsregel',
    unanimity: 'Enstemmighet: alle medlemmer må vedta (vetorett)',
    majorityCount: 'Kvalifisert flertall: minst {fraction} av medlemmene',
    majorityWeight: 'Kvalifisert flertall: minst {fraction} av vektene i fordelingsnøkkelen',
    neededAll: 'Alle {total} kommunene må vedta. Ett nei er nok til at saken faller.',
    neededCount: 'Minst {needed} av {total} kommuner må vedta.',
    weightAdopted: 'Kommunene som har vedtatt, har {share} % av vektene.',
  },
  nn: {
    label: 'Avgjerdsregel',
    unanimity: 'Einstemmigheit: alle medlemmene må vedta (vetorett)',
    majorityCount: 'Kvalifisert fleirtal: minst {fraction} av medlemmene',
    majorityWeight: 'Kvalifisert fleirtal: minst {fraction} av vektene i fordelingsnøkkelen',
    neededAll: 'Alle dei {total} kommunane må vedta. Eitt nei er nok til at saka fell.',
    neededCount: 'Minst {needed} av {total} kommunar må vedta.',
    weightAdopted: 'Kommunane som har vedteke, har {share} % av vektene.',
  },
  en: {
    label: 'Decision rule',
    unanimity: 'Unanimity: every member must adopt (right of veto)',
    majorityCount: 'Qualified majority: at least {fraction} of the members',
    majorityWeight: 'Qualified majority: at least {fraction} of the weights in the cost key',
    neededAll: 'All {total} municipalities must adopt. One no is enough to stop it.',
    neededCount: 'At least {needed} of {total} municipalities must adopt.',
    weightAdopted: 'The municipalities that have adopted hold {share}% of the weights.',
  },
});

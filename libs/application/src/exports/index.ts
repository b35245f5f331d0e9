export * from './export-round/export-round.handler';
export * from './exports.application.module';
export type { RoundDossier } from './round-dossier';
export { roundCsv } from './round.csv';
export { roundPdf } from './round.pdf';

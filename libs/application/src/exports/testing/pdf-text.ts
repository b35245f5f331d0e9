import { inflateSync } from 'node:zlib';

// Node's TextDecoder reads windows-1252 as Latin-1; these are the 0x80–0x9F where they differ.
const WIN_ANSI_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const winAnsiChar = (byte: number) => (byte >= 0x80 && byte <= 0x9f ? WIN_ANSI_HIGH[byte - 0x80] : String.fromCharCode(byte));

/**
 * The text a PDF made by pdfkit with the standard fonts shows, one line per text operator, for
 * tests: its streams inflated, the hex strings of its TJ operators decoded from WinAnsi.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content = match[1];
    try {
      content = inflateSync(Buffer.from(match[1], 'latin1')).toString('latin1');
    } catch {
      // A stream that is not compressed is read as it is.
    }
    for (const operator of content.matchAll(/\[((?:<[0-9a-fA-F]*>|[\s\d.-])*)\]\s*TJ/g)) {
      const hex = [...operator[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((part) => part[1]).join('');
      lines.push([...Buffer.from(hex, 'hex')].map(winAnsiChar).join(''));
    }
  }
  return lines.join('\n');
}

import { session } from '../auth/session';
import { toProblem } from './client';

/**
 * Fetches a file from the api with the person's token and saves it under the name the api gives
 * in `Content-Disposition` (else `fallbackName`). A plain link cannot do this: the browser would
 * send no bearer header and the api would refuse it. Throws an `ApiProblem` when the api refuses.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const response = await fetchWithToken(path);
  if (!response.ok) throw toProblem(await problemBody(response), response);
  const blob = await response.blob();
  saveBlob(blob, fileNameOf(response.headers.get('Content-Disposition')) ?? fallbackName);
}

async function fetchWithToken(path: string): Promise<Response> {
  const send = (token: string | null) =>
    fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {}, credentials: 'same-origin', cache: 'no-store' });
  const response = await send(session.accessToken());
  if (response.status !== 401) return response;
  // The token ran out between two clicks: renew it silently once, as every other request does.
  const renewed = await session.renewAfterRefusal();
  return renewed ? send(renewed) : response;
}

async function problemBody(response: Response): Promise<unknown> {
  if (!/json/i.test(response.headers.get('Content-Type') ?? '')) return {};
  try {
    return await response.json();
  } catch {
    return {};
  }
}

/** The file name of `attachment; filename="round-9b2c4e1a.csv"`, or of its RFC 5987 form `filename*=UTF-8''…`. */
export function fileNameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended) {
    try {
      return safeName(decodeURIComponent(extended[1].trim()));
    } catch {
      // A malformed escape falls through to the plain name.
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/.exec(disposition);
  const name = plain?.[1] ?? plain?.[2]?.trim();
  return name ? safeName(name) : undefined;
}

// The name goes to the person's download folder: no folders of the api's choosing.
function safeName(name: string): string | undefined {
  const base = name.split(/[\\/]/).pop()?.trim();
  return base ? base : undefined;
}

function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Some browsers read the blob only after the click has returned; revoking at once would cut it off.
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

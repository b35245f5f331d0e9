// The page a notice links to. It only reads: it fetches the round with the person's token and
// shows it; nothing is decided by opening it (registrations go through the API's PUT).
export const ROUND_PAGE_HTML = `<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vedtaksrunde</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 56rem; padding: 0 1rem; color: #1b1b1b; }
  h1 { font-size: 1.5rem; margin-bottom: .25rem; }
  .meta { color: #555; margin-bottom: 1.5rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #ddd; }
  .status-adopted { color: #11663a; } .status-rejected, .status-adopted_with_amendments { color: #a1161b; }
  .overdue { color: #a1161b; font-weight: 600; }
  #signin { display: none; } #signin textarea { width: 100%; height: 5rem; }
  #error { color: #a1161b; }
</style>
</head>
<body>
<main>
  <h1 id="title">Vedtaksrunde</h1>
  <p class="meta" id="meta"></p>
  <p id="error" role="alert"></p>
  <section id="signin">
    <p>Logg inn for å se saken: lim inn tilgangsnøkkelen (token) din.</p>
    <textarea id="token" aria-label="Token"></textarea>
    <p><button id="use-token" type="button">Vis saken</button></p>
  </section>
  <table id="members" hidden>
    <thead><tr><th>Kommune</th><th>Status</th><th>Møtedato</th><th>Saksnummer</th></tr></thead>
    <tbody></tbody>
  </table>
</main>
<script src="/app/round-page.js"></script>
</body>
</html>`;

export const ROUND_PAGE_SCRIPT = `(() => {
  const STATUS = { pending: 'Venter', scheduled: 'Satt opp', adopted: 'Vedtatt', rejected: 'Avvist',
    adopted_with_amendments: 'Vedtatt med endringer', postponed: 'Utsatt' };
  const ROUND = { open: 'Åpen', approved: 'Godkjent', rejected: 'Avvist', withdrawn: 'Trukket', expired: 'Utløpt' };
  const id = location.pathname.split('/').pop();
  const fromLink = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromLink) { sessionStorage.setItem('vedtak.token', fromLink); history.replaceState(null, '', location.pathname); }
  const $ = (sel) => document.querySelector(sel);
  const text = (value) => document.createTextNode(value == null ? '' : String(value));
  function signIn(message) { $('#signin').style.display = 'block'; $('#error').textContent = message || ''; }
  async function load() {
    const token = sessionStorage.getItem('vedtak.token');
    if (!token) return signIn();
    const response = await fetch('/api/rounds/' + encodeURIComponent(id), { headers: { Authorization: 'Bearer ' + token } });
    if (response.status === 401) return signIn('Tilgangsnøkkelen er ikke gyldig lenger.');
    const body = await response.json();
    if (!response.ok) { $('#error').textContent = body.detail || 'Saken kunne ikke vises.'; return; }
    $('#signin').style.display = 'none';
    $('#title').textContent = body.title;
    const outcome = body.outcome ? ' · ' + ROUND[body.outcome.status] : '';
    $('#meta').textContent = 'Status: ' + ROUND[body.status] + outcome + ' · Frist: ' + body.deadline +
      ' · ' + body.progress.adopted + ' av ' + body.progress.total + ' har vedtatt';
    const rows = $('#members tbody');
    rows.replaceChildren();
    for (const member of body.members) {
      const row = document.createElement('tr');
      const cells = [member.name + ' (' + member.municipalityNumber + ')', STATUS[member.status] + (member.overdue ? ' – forsinket' : ''),
        member.decision && member.decision.meetingDate, member.decision && member.decision.caseNumber];
      cells.forEach((value, index) => {
        const cell = document.createElement('td');
        if (index === 1) cell.className = 'status-' + member.status + (member.overdue ? ' overdue' : '');
        cell.appendChild(text(value));
        row.appendChild(cell);
      });
      rows.appendChild(row);
    }
    $('#members').hidden = false;
  }
  $('#use-token').addEventListener('click', () => { sessionStorage.setItem('vedtak.token', $('#token').value.trim()); load(); });
  load().catch(() => { $('#error').textContent = 'Saken kunne ikke hentes.'; });
})();`;

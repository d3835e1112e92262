/** HTML for the consent screen and the authorize errors Intuit shows instead of redirecting. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export function consentPage(opts: {
  consentId: string;
  companyName: string;
  clientId: string;
  scope: string;
}): string {
  const company = escapeHtml(opts.companyName);
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Connect to QuickBooks (qbo-sandbox)</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;color:#393a3d}
button{font-size:1rem;padding:.6rem 1.4rem;margin-right:.5rem;border-radius:4px;border:1px solid #8d9096}
#approve{background:#2ca01c;color:#fff;border-color:#2ca01c}</style></head>
<body>
<h1>Connect your QuickBooks company</h1>
<p>The app <strong id="client-id">${escapeHtml(opts.clientId)}</strong> wants to access
<strong id="company-name">${company}</strong>.</p>
<p>Permissions: <code>${escapeHtml(opts.scope)}</code></p>
<form method="post" action="/connect/oauth2/consent">
<input type="hidden" name="consent" value="${escapeHtml(opts.consentId)}">
<button type="submit" id="approve" name="decision" value="approve">Connect</button>
<button type="submit" id="cancel" name="decision" value="cancel">Cancel</button>
</form>
<p><small>qbo-sandbox: a local emulator, not Intuit.</small></p>
</body></html>`;
}

export function authorizeErrorPage(message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Authorization error</title></head>
<body><h1>Something went wrong</h1><p id="error">${escapeHtml(message)}</p></body></html>`;
}

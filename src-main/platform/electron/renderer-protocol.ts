import { readFile } from 'node:fs/promises';
import { protocol, session } from 'electron';
import { answerAppRequest, APP_SCHEME, APP_SCHEME_PRIVILEGES } from './app-protocol';
import { denyPermissionCheck, denyPermissionRequest } from './permission-policy';

/** Must run before the app is ready: app:// becomes a standard, secure origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/** After ready: every permission is refused, and the built renderer (when not on a dev server) is served from app://. */
export function secureSession(rendererRoot: string | null): void {
  session.defaultSession.setPermissionRequestHandler(denyPermissionRequest);
  session.defaultSession.setPermissionCheckHandler(denyPermissionCheck);
  if (rendererRoot === null) return;
  protocol.handle(APP_SCHEME, async (request) => {
    const answer = answerAppRequest(request.url, request.method, rendererRoot);
    if (answer.status !== 200)
      return new Response(null, { status: answer.status, headers: answer.headers });
    try {
      const body = request.method === 'HEAD' ? null : await readFile(answer.file);
      return new Response(body, { status: 200, headers: answer.headers });
    } catch {
      return new Response(null, { status: 404 });
    }
  });
}

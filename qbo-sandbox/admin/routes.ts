import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { CustomerFields } from '../company/store.js';
import { SandboxError } from '../errors.js';
import { faultPatchSchema } from '../faults.js';
import { readBody, sendJson } from '../http/io.js';
import type { SandboxState } from '../state.js';
import { adminRefusal } from './admin-guard.js';
import type { SandboxAdmin } from './api.js';

export const ADMIN_PREFIX = '/admin';

const customerFields = z
  .record(z.string(), z.unknown())
  .refine((f) => !('Id' in f), 'Id is assigned by the sandbox')
  .transform((f) => f as CustomerFields);
const mergeBody = z.object({ intoId: z.string().min(1) });
const advanceBody = z
  .object({
    ms: z.number().min(0).optional(),
    seconds: z.number().min(0).optional(),
    minutes: z.number().min(0).optional(),
    hours: z.number().min(0).optional(),
    days: z.number().min(0).optional(),
  })
  .strict();
const resetBody = z
  .object({
    customers: z.number().int().min(0).max(100_000).optional(),
    seed: z.number().int().optional(),
  })
  .strict();
const autoApproveBody = z.object({ enabled: z.boolean() });
const clientBody = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  redirectUris: z.array(z.string()),
});
const redirectBody = z.object({ uri: z.string().min(1), clientId: z.string().optional() });
const expireBody = z.object({ refresh: z.boolean().optional() }).strict();

async function json(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new SandboxError(400, 'bad_json', 'Body is not valid JSON');
  }
}

/** JSON-over-HTTP mirror of SandboxAdmin, for demos and out-of-process tests. */
export function createAdminRoutes(admin: SandboxAdmin, state: SandboxState) {
  const info = () => ({
    realmId: state.company.realmId,
    companyName: state.company.companyName,
    customers: state.company.live().length,
    seed: state.seed,
    now: admin.now(),
    autoApprove: state.autoApprove,
    clients: state.clients.list().map(({ clientId, redirectUris }) => ({ clientId, redirectUris })),
  });

  const dispatch = async (req: IncomingMessage, url: URL): Promise<[number, unknown]> => {
    const parts = url.pathname
      .slice(ADMIN_PREFIX.length)
      .split('/')
      .filter(Boolean)
      .map(decodeURIComponent);
    const method = req.method ?? 'GET';
    const [first, second, third] = parts;
    const route = `${method} /${parts.length > 1 && first === 'customers' ? ['customers', ':id', ...parts.slice(2)].join('/') : parts.join('/')}`;

    switch (route) {
      case 'GET /':
        return [200, info()];
      case 'GET /customers':
        return [200, { customers: admin.listCustomers() }];
      case 'POST /customers':
        return [201, { customer: admin.createCustomer(customerFields.parse(await json(req))) }];
      case 'GET /customers/:id': {
        const customer = admin.getCustomer(second ?? '');
        if (!customer) throw new SandboxError(404, '610', 'Object Not Found');
        return [200, { customer }];
      }
      case 'PATCH /customers/:id':
      case 'PUT /customers/:id':
        return [
          200,
          { customer: admin.updateCustomer(second ?? '', customerFields.parse(await json(req))) },
        ];
      case 'POST /customers/:id/deactivate':
        return [200, { customer: admin.deactivateCustomer(second ?? '') }];
      case 'POST /customers/:id/reactivate':
        return [200, { customer: admin.reactivateCustomer(second ?? '') }];
      case 'DELETE /customers/:id':
      case 'POST /customers/:id/delete':
        admin.deleteCustomer(second ?? '');
        return [200, { deleted: second }];
      case 'POST /customers/:id/merge':
        return [
          200,
          { customer: admin.mergeCustomers(second ?? '', mergeBody.parse(await json(req)).intoId) },
        ];
      case 'GET /clock':
        return [200, { now: admin.now() }];
      case 'POST /clock/advance': {
        const b = advanceBody.parse(await json(req));
        const ms =
          (b.ms ?? 0) +
          ((b.seconds ?? 0) +
            ((b.minutes ?? 0) + ((b.hours ?? 0) + (b.days ?? 0) * 24) * 60) * 60) *
            1000;
        return [200, { now: admin.advanceClock(ms) }];
      }
      case 'POST /reset':
        admin.reset(resetBody.parse(await json(req)));
        return [200, info()];
      case 'GET /faults':
        return [200, admin.getFaults()];
      case 'POST /faults':
      case 'PUT /faults':
      case 'PATCH /faults':
        return [200, admin.setFaults(faultPatchSchema.parse(await json(req)))];
      case 'DELETE /faults':
        return [200, admin.clearFaults()];
      case 'GET /requests':
        return [200, { requests: admin.requests() }];
      case 'DELETE /requests':
        admin.clearRequests();
        return [200, { requests: [] }];
      case 'GET /stats':
        return [200, admin.stats()];
      case 'POST /auto-approve':
      case 'PUT /auto-approve':
        admin.setAutoApprove(autoApproveBody.parse(await json(req)).enabled);
        return [200, { autoApprove: state.autoApprove }];
      case 'POST /clients':
        admin.registerClient(clientBody.parse(await json(req)));
        return [201, { clients: info().clients }];
      case 'POST /redirect-uris': {
        const b = redirectBody.parse(await json(req));
        admin.registerRedirectUri(b.uri, b.clientId);
        return [201, { clients: info().clients }];
      }
      case 'POST /tokens/expire': {
        const b = expireBody.parse(await json(req));
        if (b.refresh) admin.expireRefreshTokens();
        else admin.expireAccessTokens();
        return [200, { expired: b.refresh ? 'refresh' : 'access' }];
      }
      case 'POST /tokens/revoke':
        admin.revokeAllTokens();
        return [200, { revoked: true }];
      default:
        throw new SandboxError(
          404,
          'not_found',
          `No admin route ${method} ${url.pathname}`,
          third ?? '',
        );
    }
  };

  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const refusal = adminRefusal(req, state.host);
    if (refusal) {
      req.resume();
      return sendJson(res, 403, { error: refusal });
    }
    try {
      const [status, body] = await dispatch(req, url);
      sendJson(res, status, body);
    } catch (error) {
      if (error instanceof z.ZodError)
        return sendJson(res, 400, { error: 'invalid_body', issues: error.issues });
      if (error instanceof SandboxError)
        return sendJson(res, error.status, {
          error: error.message,
          detail: error.detail,
          code: error.code,
        });
      if (error instanceof Error) return sendJson(res, 400, { error: error.message });
      sendJson(res, 500, { error: String(error) });
    }
  };
}

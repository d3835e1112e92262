import { AppError } from '../../errors';

export interface FaultDetail {
  code: string;
  message: string;
  detail: string;
}

/**
 * Reads a QuickBooks error body however it arrives: `Fault` or `fault`, `Error`
 * or `error`, or the XML that throttling responses often use even when JSON was asked.
 */
export function parseFault(body: string): FaultDetail | null {
  const trimmed = body.trim();
  if (trimmed.startsWith('<')) {
    const code = /<Error[^>]*code="([^"]+)"/i.exec(trimmed)?.[1];
    const message = /<Message>([\s\S]*?)<\/Message>/i.exec(trimmed)?.[1];
    const detail = /<Detail>([\s\S]*?)<\/Detail>/i.exec(trimmed)?.[1];
    return code || message
      ? { code: code ?? '', message: message ?? '', detail: detail ?? '' }
      : null;
  }
  try {
    const json = JSON.parse(trimmed) as Record<string, unknown>;
    const fault = (json.Fault ?? json.fault) as Record<string, unknown> | undefined;
    const errors = (fault?.Error ?? fault?.error) as Record<string, unknown>[] | undefined;
    const first = errors?.[0];
    if (!first) return null;
    return {
      code: String(first.code ?? ''),
      message: String(first.Message ?? first.message ?? ''),
      detail: String(first.Detail ?? first.detail ?? ''),
    };
  } catch {
    return null;
  }
}

/** Turns an HTTP status and QuickBooks fault into an error office staff can act on. */
export function quickBooksError(
  status: number,
  fault: FaultDetail | null,
  intuitTid: string | null,
): AppError {
  const support = [
    `HTTP ${status}`,
    fault?.code ? `code ${fault.code}` : null,
    fault?.message || null,
    fault?.detail || null,
    intuitTid ? `intuit_tid ${intuitTid}` : null,
  ]
    .filter(Boolean)
    .join('; ');
  if (status === 401 || fault?.code === '3200') {
    return new AppError(
      'reconnect_required',
      'QuickBooks no longer accepts this connection. Reconnect QuickBooks to continue.',
      { detail: support },
    );
  }
  if (status === 403 || fault?.code === '3100') {
    return new AppError(
      'quickbooks',
      'QuickBooks refused access: the connected user may not have permission to read customers.',
      { detail: support },
    );
  }
  if (status === 429 || fault?.code === '3001') {
    return new AppError(
      'quickbooks',
      'QuickBooks asked us to slow down. The sync will try again shortly.',
      { detail: support },
    );
  }
  // 10000 is Intuit's SystemFault, which also arrives inside an HTTP 200.
  if (status >= 500 || fault?.code === '10000') {
    return new AppError(
      'quickbooks',
      'QuickBooks is having trouble right now. Please try again in a few minutes.',
      { detail: support },
    );
  }
  return new AppError('quickbooks', 'QuickBooks could not answer this request.', {
    detail: support,
  });
}

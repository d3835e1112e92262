import { formatResponseTime } from '../time-format.js';

/** Bodies in Intuit's Fault envelope, JSON and the XML throttling variant. */
export interface FaultError {
  Message: string;
  Detail?: string;
  code: string;
  element?: string;
}

export function faultJson(nowMs: number, type: string, errors: FaultError[]): unknown {
  return {
    Fault: {
      Error: errors.map((e) => ({
        Message: e.Message,
        Detail: e.Detail ?? e.Message,
        code: e.code,
        element: e.element ?? '',
      })),
      type,
    },
    time: formatResponseTime(nowMs),
  };
}

export function authenticationFault(nowMs: number, detail: string): unknown {
  return faultJson(nowMs, 'AuthenticationFault', [
    {
      Message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
      Detail: detail,
      code: '3200',
    },
  ]);
}

/** Intuit's gateway answers throttling in XML even when JSON was asked for. */
export function throttleXml(): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<IntuitResponse xmlns="http://schema.intuit.com/finance/v3">' +
    '<Fault type="SERVICE"><Error code="3001">' +
    '<Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message>' +
    '<Detail>The request limit was reached.</Detail>' +
    '</Error></Fault></IntuitResponse>'
  );
}

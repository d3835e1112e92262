import { describe, expect, it } from 'vitest';
import { openInNewTab } from './open-in-new-tab';

describe('links the browser host opens in a new tab', () => {
  it('opens with noopener and noreferrer, so the page gets no handle back to the app', () => {
    const opened: string[][] = [];
    const url = 'https://app.qbo.intuit.com/app/customerdetail?nameId=58';
    expect(openInNewTab(url, (...args) => opened.push(args))).toBe(true);
    expect(opened).toEqual([[url, '_blank', 'noopener,noreferrer']]);
  });

  it('never opens a script or a local file', () => {
    const opened: string[][] = [];
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,hi', '']) {
      expect(
        openInNewTab(url, (...args) => opened.push(args)),
        url,
      ).toBe(false);
    }
    expect(opened).toEqual([]);
  });
});

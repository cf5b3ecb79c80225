import { describe, expect, it } from 'vitest';
import { REPORT_LIMITS } from '../../shared/schemas/facts.ts';
import {
  cutReportText,
  emptyReportSummary,
  reportSummaryOf,
  withReport,
} from '../../shared/store/comments/reportSummary.ts';

const at = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();

describe('what a comment keeps of its reports', () => {
  it('counts every reason and keeps the newest three texts, newest first', () => {
    let s = emptyReportSummary();
    s = withReport(s, { reason: 'spam', text: 'first', at: at(1) });
    s = withReport(s, { reason: 'abuse', text: null, at: at(2) });
    s = withReport(s, { reason: 'other', text: 'third', at: at(3) });
    s = withReport(s, { reason: 'spam', text: 'fourth', at: at(4) });
    s = withReport(s, { reason: 'off_topic', text: '   ', at: at(5) });
    s = withReport(s, { reason: 'abuse', text: 'sixth', at: at(6) });
    expect(s.byReason).toEqual({ spam: 2, abuse: 2, off_topic: 1, other: 1 });
    expect(s.texts.map((t) => t.text)).toEqual(['sixth', 'fourth', 'third']);
  });

  it('stays bounded whatever readers send: at most about 2.8 KB', () => {
    // The widest text a reader may send: 500 characters of three bytes each, or of emoji.
    for (const char of ['€', '😀']) {
      let s = emptyReportSummary();
      for (let i = 0; i < 50; i++) {
        s = withReport(s, { reason: 'other', text: char.repeat(REPORT_LIMITS.text), at: at(i) });
      }
      expect(s.texts).toHaveLength(REPORT_LIMITS.summaryTexts);
      for (const t of s.texts) expect(t.text.length).toBeLessThanOrEqual(REPORT_LIMITS.summaryText);
      expect(Buffer.byteLength(JSON.stringify(s))).toBeLessThan(2_900);
    }
  });

  it('cuts a long text with an ellipsis, never through a surrogate pair', () => {
    expect(cutReportText('short')).toBe('short');
    // The 280th unit would be half of an emoji: the cut is before it, not through it.
    expect(cutReportText(`${'a'.repeat(278)}${'😀'.repeat(10)}`)).toBe(`${'a'.repeat(278)}…`);
    expect(cutReportText(`${'a'.repeat(277)}${'😀'.repeat(10)}`)).toBe(`${'a'.repeat(277)}😀…`);
    expect(cutReportText('b'.repeat(500))).toHaveLength(REPORT_LIMITS.summaryText);
  });

  it('gives moderators every reason in order, and nothing once the reports are closed', () => {
    const stored = {
      byReason: { other: 1, spam: 2 },
      texts: [{ reason: 'spam', text: 'x', at: at(1), fp: 'no' }],
    };
    // A stored map as DynamoDB may give it back: keys in any order, an attribute too many.
    const view = reportSummaryOf({ reportCount: 3, reportSummary: stored as never });
    expect(JSON.stringify(view.byReason)).toBe('{"spam":2,"abuse":0,"off_topic":0,"other":1}');
    expect(view.texts).toEqual([{ reason: 'spam', text: 'x', at: at(1) }]);
    expect(reportSummaryOf({ reportCount: 0, reportSummary: stored as never })).toEqual(emptyReportSummary());
  });
});

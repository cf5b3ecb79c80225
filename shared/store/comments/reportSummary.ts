import type { ReportSummary } from '../../schemas/comment.ts';
import { REPORT_LIMITS, REPORT_REASONS, type ReportReason } from '../../schemas/facts.ts';

/**
 * What a comment keeps of its open reader reports, for moderators: the count per reason and the
 * newest few texts, each cut short. It lives on the comment item (attribute `reportSummary`), so
 * the queues read it with the comment at no extra request; readers write it, so it is bounded:
 * four counts and at most REPORT_LIMITS.summaryTexts texts of REPORT_LIMITS.summaryText
 * characters (UTF-16 units: at most 3 bytes each in UTF-8), about 2.8 KB at worst. Never who
 * reported: the fingerprint stays on the report's own marker item.
 */
export function emptyReportSummary(): ReportSummary {
  const byReason = Object.fromEntries(REPORT_REASONS.map((r) => [r, 0])) as Record<ReportReason, number>;
  return { byReason, texts: [] };
}

/** `text` cut to `max` UTF-16 units, ending in an ellipsis when cut, never halving a surrogate pair. */
export function cutReportText(text: string, max: number = REPORT_LIMITS.summaryText): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end).trimEnd()}…`;
}

/** The summary with one more report: its reason counted, its text (if any) first, the oldest text dropped. */
export function withReport(
  summary: ReportSummary | undefined,
  report: { reason: ReportReason; text: string | null; at: string },
): ReportSummary {
  const base = summary ?? emptyReportSummary();
  const byReason = { ...emptyReportSummary().byReason, ...base.byReason };
  byReason[report.reason] += 1;
  const text = report.text?.trim();
  const texts = text
    ? [{ reason: report.reason, text: cutReportText(text), at: report.at }, ...base.texts].slice(
        0,
        REPORT_LIMITS.summaryTexts,
      )
    : base.texts;
  return { byReason, texts };
}

/**
 * The summary as moderators get it: every reason, in the order of REPORT_REASONS (DynamoDB keeps no
 * order in a map), and each text with exactly its reason, text and time; empty with no open reports.
 */
export function reportSummaryOf(c: { reportCount: number; reportSummary?: ReportSummary | undefined }) {
  const view = emptyReportSummary();
  if (c.reportCount === 0 || !c.reportSummary) return view;
  for (const reason of REPORT_REASONS) view.byReason[reason] = c.reportSummary.byReason[reason] ?? 0;
  view.texts = c.reportSummary.texts.map(({ reason, text, at }) => ({ reason, text, at }));
  return view;
}

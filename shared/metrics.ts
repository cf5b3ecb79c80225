/**
 * Business figures as CloudWatch embedded metrics (EMF): one JSON log line carries the values and
 * the instructions CloudWatch needs to turn them into metrics, so no PutMetricData call (and no
 * latency, no IAM grant) is added to the path that produced them. The dashboard and the alarms
 * read the namespace and names from here.
 */
export const METRICS_NAMESPACE = 'NewsroomCms';
export const METRICS_DIMENSION = 'Stage';

export const BUSINESS_METRICS = {
  ArticlesPublished: 'Publications (first publication or a republished version)',
  ArticlesUnpublished: 'Articles taken down',
  CommentsPosted: 'Comments received, whatever their fate',
  CommentsHeld: 'Comments held for a moderator (pending)',
  CommentsApproved: 'Comments that became public',
  CommentsRejected: 'Comments rejected or marked spam',
} as const;

export type BusinessMetric = keyof typeof BUSINESS_METRICS;
export type MetricCounts = Partial<Record<BusinessMetric, number>>;

/** The EMF document for these counts, or null when there is nothing to report. */
export function emfDocument(counts: MetricCounts, stage: string, at: Date): Record<string, unknown> | null {
  const entries = Object.entries(counts).filter(([, n]) => typeof n === 'number' && n > 0);
  if (entries.length === 0) return null;
  return {
    _aws: {
      Timestamp: at.getTime(),
      CloudWatchMetrics: [
        {
          Namespace: METRICS_NAMESPACE,
          Dimensions: [[METRICS_DIMENSION]],
          Metrics: entries.map(([Name]) => ({ Name, Unit: 'Count' })),
        },
      ],
    },
    [METRICS_DIMENSION]: stage,
    ...Object.fromEntries(entries),
  };
}

/** Writes the counts as one EMF line (stdout is what Lambda sends to CloudWatch Logs). */
export function emitMetrics(
  counts: MetricCounts,
  stage: string,
  {
    at = new Date(),
    sink = (line: string) => console.log(line),
  }: { at?: Date; sink?: (line: string) => void } = {},
): void {
  const document = emfDocument(counts, stage, at);
  if (document) sink(JSON.stringify(document));
}

import type * as z from 'zod';
import { ArticleViewSchema } from '../schemas/article.ts';
import { HistoryEntrySchema, RevisionSchema, RevisionSummarySchema } from '../schemas/articleHistory.ts';
import {
  ArticleSummarySchema,
  PublicArticleSummarySchema,
  SearchHitSchema,
} from '../schemas/articleLists.ts';
import { AuthorSchema, AuthorStorySchema, PublicAuthorSchema } from '../schemas/author.ts';
import { BanCreatedSchema, BanSchema } from '../schemas/ban.ts';
import {
  AdminCommentSchema,
  BulkModerationResultSchema,
  CommentCreatedSchema,
  CommentSettingsSchema,
  ModerationLogSchema,
  PublicCommentSchema,
  QueueCountsSchema,
  ReportReceivedSchema,
  ThreadStatusSchema,
} from '../schemas/comment.ts';
import { AutosaveSchema, NewArticleAutosaveSchema, PresenceListSchema } from '../schemas/desk.ts';
import { DeskChecksSchema } from '../schemas/deskChecks.ts';
import {
  FrontListSchema,
  FrontRevisionSchema,
  FrontViewSchema,
  PublicFrontSchema,
} from '../schemas/front.ts';
import { ImportResultSchema } from '../schemas/imports.ts';
import {
  CoverageSchema,
  LiveDeskSchema,
  LiveDraftSchema,
  LiveEntrySchema,
  LiveFeedSchema,
  PublicLiveEntrySchema,
} from '../schemas/live.ts';
import { PublicArticleViewSchema } from '../schemas/liveCoverage.ts';
import { MediaSchema, MediaUploadSchema } from '../schemas/media.ts';
import { PreviewLinkListSchema, PreviewLinkSchema } from '../schemas/previewLink.ts';
import { PreviewSettingsSchema } from '../schemas/previewSettings.ts';
import { SiteSettingsViewSchema } from '../schemas/site.ts';
import {
  PublicSectionSchema,
  PublicTagSchema,
  SectionSchema,
  SectionTreeSchema,
  TagSchema,
} from '../schemas/taxonomy.ts';

/**
 * Every schema a response can have, by the name routes refer to it with (`ok.schema`, `paged`).
 * Run time imports only the types (handler.ts, routes/define.ts), so no function builds the
 * response schemas; the contract generator (infra/contract/) reads the values to describe them.
 * An operation must still return what its route's schema describes.
 */
export const RESPONSES = {
  Article: ArticleViewSchema,
  ArticleSummary: ArticleSummarySchema,
  PublicArticle: PublicArticleViewSchema,
  PublicArticleSummary: PublicArticleSummarySchema,
  SearchHit: SearchHitSchema,
  Revision: RevisionSchema,
  RevisionSummary: RevisionSummarySchema,
  HistoryEntry: HistoryEntrySchema,
  PreviewLink: PreviewLinkSchema,
  PreviewLinkList: PreviewLinkListSchema,
  PreviewSettings: PreviewSettingsSchema,
  Autosave: AutosaveSchema,
  NewArticleAutosave: NewArticleAutosaveSchema,
  PresenceList: PresenceListSchema,
  PublicComment: PublicCommentSchema,
  AdminComment: AdminCommentSchema,
  CommentCreated: CommentCreatedSchema,
  CommentSettings: CommentSettingsSchema,
  BulkModerationResult: BulkModerationResultSchema,
  ImportResult: ImportResultSchema,
  ReportReceived: ReportReceivedSchema,
  Ban: BanSchema,
  BanCreated: BanCreatedSchema,
  ModerationLog: ModerationLogSchema,
  QueueCounts: QueueCountsSchema,
  ThreadStatus: ThreadStatusSchema,
  Media: MediaSchema,
  DeskChecks: DeskChecksSchema,
  MediaUpload: MediaUploadSchema,
  SiteSettingsView: SiteSettingsViewSchema,
  Front: FrontViewSchema,
  FrontList: FrontListSchema,
  FrontRevision: FrontRevisionSchema,
  PublicFront: PublicFrontSchema,
  Coverage: CoverageSchema,
  LiveEntry: LiveEntrySchema,
  LiveDesk: LiveDeskSchema,
  LiveFeed: LiveFeedSchema,
  PublicLiveEntry: PublicLiveEntrySchema,
  LiveDraft: LiveDraftSchema,
  Section: SectionSchema,
  PublicSection: PublicSectionSchema,
  SectionTree: SectionTreeSchema,
  Tag: TagSchema,
  PublicTag: PublicTagSchema,
  Author: AuthorSchema,
  PublicAuthor: PublicAuthorSchema,
  AuthorStory: AuthorStorySchema,
} as const;
export type ResponseName = keyof typeof RESPONSES;
export type ResponseOf<N extends ResponseName> = z.output<(typeof RESPONSES)[N]>;

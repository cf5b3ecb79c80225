import type { Block, Span } from '../api.ts';
import { safeUrl } from '../safeUrl.ts';

/** One span with its marks, innermost last: a link holds the bold and italic inside it. */
function SpanView({ span }: { span: Span }) {
  let out: preact.ComponentChild = span.text;
  for (const mark of span.marks) {
    if (mark.type === 'bold') out = <strong>{out}</strong>;
    else if (mark.type === 'italic') out = <em>{out}</em>;
  }
  const link = span.marks.find((m) => m.type === 'link');
  const href = link?.type === 'link' ? safeUrl(link.href) : undefined;
  return href ? (
    <a href={safeUrl(href)} rel="noopener noreferrer" target="_blank">
      {out}
    </a>
  ) : (
    <>{out}</>
  );
}

const Spans = ({ spans }: { spans: readonly Span[] }) => (
  <>
    {spans.map((span, i) => (
      <SpanView key={i} span={span} />
    ))}
  </>
);

/**
 * An entry's blocks as the desk shows them: the API's rich text, drawn with elements only (never
 * as HTML), every href and src through safeUrl. Headings sit under the entry's own level.
 */
export function EntryBody({ body }: { body: readonly Block[] }) {
  return (
    <div class="entry-body">
      {body.map((block, i) => {
        switch (block.type) {
          case 'paragraph':
            return (
              <p key={i}>
                <Spans spans={block.text} />
              </p>
            );
          case 'heading':
            return (
              <p key={i} class={`entry-h entry-h${block.level}`}>
                <strong>
                  <Spans spans={block.text} />
                </strong>
              </p>
            );
          case 'quote':
            return (
              <blockquote key={i}>
                <p>
                  <Spans spans={block.text} />
                </p>
                {block.attribution && <footer>— {block.attribution}</footer>}
              </blockquote>
            );
          case 'list': {
            const items = block.items.map((item, j) => (
              <li key={j}>
                <Spans spans={item} />
              </li>
            ));
            return block.ordered ? <ol key={i}>{items}</ol> : <ul key={i}>{items}</ul>;
          }
          case 'image': {
            const src = safeUrl(block.src);
            return src ? (
              <figure key={i}>
                <img src={safeUrl(src)} alt={block.alt} loading="lazy" />
                {block.caption && <figcaption>{block.caption}</figcaption>}
              </figure>
            ) : null;
          }
          case 'embed': {
            const url = safeUrl(block.url);
            return url ? (
              <p key={i}>
                <a href={safeUrl(url)} rel="noopener noreferrer" target="_blank">
                  {block.url}
                </a>
              </p>
            ) : null;
          }
          default:
            return null;
        }
      })}
    </div>
  );
}

import { useEffect } from 'react';

/** Where the skip link jumps: the id of each app's main landmark. */
export const MAIN_ID = 'main-content';

/**
 * Sets the document title of the screen shown ("Invoice INV-0042 · Billing portal"), so tabs, history
 * and screen readers name each page; `suffix` is the app's own name.
 */
export function usePageTitle(title: string | null | undefined, suffix: string): void {
  useEffect(() => {
    document.title = title ? `${title} · ${suffix}` : suffix;
  }, [title, suffix]);
}

const skipStyle = `
.settle-skip-link { position: absolute; left: 8px; top: -48px; z-index: 1000; padding: 8px 14px; border-radius: 6px;
  background: #fff; color: #1c7ed6; font-weight: 600; text-decoration: underline; box-shadow: 0 2px 8px rgba(0,0,0,.2); }
.settle-skip-link:focus { top: 8px; }
`;

/** The first thing a keyboard reaches: jumps past the header and navigation to the page's content. */
export function SkipLink() {
  return (
    <>
      <style>{skipStyle}</style>
      <a
        className="settle-skip-link"
        href={`#${MAIN_ID}`}
        onClick={(e) => {
          const main = document.getElementById(MAIN_ID);
          if (!main) return;
          e.preventDefault();
          main.focus();
          main.scrollIntoView();
        }}
      >
        Skip to content
      </a>
    </>
  );
}

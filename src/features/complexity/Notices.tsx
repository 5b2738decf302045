import { useLabStore } from './labStore';

/** What the URL asked for and could not have (shown on every screen; never as HTML). */
export function Notices() {
  return <NoticeList notices={useLabStore((s) => s.notices)} />;
}

/** Warnings as plain text, one per line; nothing when there are none. */
export function NoticeList({ notices }: { notices: readonly string[] }) {
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((n) => (
        <p key={n} className="notice warn" role="note">
          {n}
        </p>
      ))}
    </div>
  );
}

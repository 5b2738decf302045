import { useLabStore } from './labStore';

/** What the URL asked for and could not have (shown on every screen; never as HTML). */
export function Notices() {
  const notices = useLabStore((s) => s.notices);
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

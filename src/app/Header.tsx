export function Header() {
  return (
    <header className="header">
      <h1 className="title">Attention Explorer</h1>
      <p className="pitch">
        Attention variants run live on your GPU: exact attention costs n², every faster variant pays
        in fidelity.
      </p>
    </header>
  );
}

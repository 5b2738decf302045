/** Placeholder: the Layer explorer screen is being built. */
export function LayerExplorer() {
  return (
    <section className="screen" aria-labelledby="layers-title">
      <h2 id="layers-title">Layer explorer</h2>
    </section>
  );
}

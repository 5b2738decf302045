/** Placeholder: the Hardness lab screen is being built. */
export function HardnessLab() {
  return (
    <section className="screen" aria-labelledby="hardness-title">
      <h2 id="hardness-title">Hardness lab</h2>
    </section>
  );
}

/** Placeholder: the Guided story screen is being built. */
export function GuidedStory() {
  return (
    <section className="screen" aria-labelledby="story-title">
      <h2 id="story-title">Guided story</h2>
    </section>
  );
}

/** The story screen's public face: what the shell and the other screens may use. */
export { GuidedStory } from './GuidedStory';
export { StoryEmbed } from './StoryEmbed';

// The workflow's tasks and the erase service share one adapter per container.
export { elevenLabs } from '../adapters/elevenlabs-account.ts';

import { registerRoot } from 'remotion';
import { Root } from './Root.tsx';

/** The Remotion entry point, bundled for the local render and for the AWS site. */
registerRoot(Root);

import type { Command } from '../command';
import { parseCommand } from './parse';
import { chunksCommand } from './chunks';
import { demoCommand } from './demo';

/** Every CLI subcommand, in the order `--help` lists them. */
export const commands: Command[] = [demoCommand, parseCommand, chunksCommand];

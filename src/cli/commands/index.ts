import type { Command } from '../command';
import { parseCommand } from './parse';
import { chunksCommand } from './chunks';
import { demoCommand } from './demo';
import { indexCommand } from './index-command';
import { searchCommand } from './search';
import { askCommand } from './ask';
import { relatedCommand } from './related';
import { cardCommand } from './card';

/** Every CLI subcommand, in the order `--help` lists them. */
export const commands: Command[] = [demoCommand, parseCommand, chunksCommand, indexCommand, searchCommand, askCommand, relatedCommand, cardCommand];

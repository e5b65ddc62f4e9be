/** Fills an element with the card for a link: a loading line first, then the card (or why there is none). */
import { conceptCard } from '../../core/retrieval/card';
import type { PluginContext } from '../../plugin-context';
import { cardActions } from './card-actions';
import { renderCard, renderCardError, renderCardLoading } from './card-render';

export async function mountCard(el: HTMLElement, ctx: PluginContext, linktext: string, sourcePath: string, close: () => void): Promise<void> {
  renderCardLoading(el, linktext);
  try {
    await ctx.engine.whenReady();
    const card = await conceptCard(ctx.engine, linktext, sourcePath);
    renderCard(el, card, cardActions(ctx.app, sourcePath, close));
  } catch (error) {
    renderCardError(el, error instanceof Error ? error.message : String(error));
  }
}

/**
 * Slider values: Obsidian 1.13 shows them inline by itself and deprecated the tooltip, but on
 * 1.11–1.12 (the plugin's minimum is 1.11.4) the tooltip is the only way to see the value.
 */
import { requireApiVersion, type SliderComponent } from 'obsidian';

export function showValue(slider: SliderComponent): SliderComponent {
  return requireApiVersion('1.13.0') ? slider : slider.setDynamicTooltip();
}

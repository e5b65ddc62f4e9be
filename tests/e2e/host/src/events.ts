/** `Events` and `Component`, with Obsidian's semantics: handler errors are logged, never thrown to the emitter. */
import { reportError } from './errors';

type Callback = (...args: any[]) => unknown;

export interface EventRef {
  e: Events;
  name: string;
  fn: Callback;
  ctx?: unknown;
}

export class Events {
  private _events = new Map<string, EventRef[]>();

  on(name: string, callback: Callback, ctx?: unknown): EventRef {
    const ref: EventRef = { e: this, name, fn: callback, ctx };
    const list = this._events.get(name) ?? [];
    list.push(ref);
    this._events.set(name, list);
    return ref;
  }

  off(name: string, callback: Callback): void {
    const list = this._events.get(name);
    if (list) this._events.set(name, list.filter((r) => r.fn !== callback));
  }

  offref(ref: EventRef): void {
    const list = this._events.get(ref.name);
    if (list) this._events.set(ref.name, list.filter((r) => r !== ref));
  }

  trigger(name: string, ...data: unknown[]): void {
    for (const ref of [...(this._events.get(name) ?? [])]) this.tryTrigger(ref, data);
  }

  tryTrigger(ref: EventRef, args: unknown[]): void {
    try {
      const result = ref.fn.apply(ref.ctx, args);
      if (result instanceof Promise) result.catch((e: unknown) => reportError(`event "${ref.name}" handler`, e));
    } catch (e) {
      reportError(`event "${ref.name}" handler`, e);
    }
  }
}

export class Component {
  _loaded = false;
  private _children: Component[] = [];
  private _cleanups: (() => unknown)[] = [];

  load(): void {
    if (this._loaded) return;
    this._loaded = true;
    this.onload();
    for (const child of this._children) child.load();
  }

  onload(): void {}

  unload(): void {
    if (!this._loaded) return;
    this._loaded = false;
    for (const child of this._children.splice(0)) child.unload();
    for (const fn of this._cleanups.splice(0).reverse()) {
      try {
        fn();
      } catch (e) {
        reportError('cleanup', e);
      }
    }
    this.onunload();
  }

  onunload(): void {}

  addChild<T extends Component>(child: T): T {
    this._children.push(child);
    if (this._loaded) child.load();
    return child;
  }

  removeChild<T extends Component>(child: T): T {
    const i = this._children.indexOf(child);
    if (i >= 0) {
      this._children.splice(i, 1);
      child.unload();
    }
    return child;
  }

  register(cb: () => unknown): void {
    this._cleanups.push(cb);
  }

  registerEvent(ref: EventRef): void {
    this.register(() => ref.e.offref(ref));
  }

  registerDomEvent(el: EventTarget, type: string, callback: (evt: any) => unknown, options?: boolean | AddEventListenerOptions): void {
    el.addEventListener(type, callback as EventListener, options);
    this.register(() => el.removeEventListener(type, callback as EventListener, options));
  }

  registerScopeEvent(ref: { scope: { unregister(r: unknown): void } }): void {
    this.register(() => ref.scope.unregister(ref));
  }

  registerInterval(id: number): number {
    this.register(() => window.clearInterval(id));
    return id;
  }
}

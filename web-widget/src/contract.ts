/**
 * What the loader (widget.js) hands to the chat bundle (widget-chat.js) when it loads it. The two
 * are built and cached separately, so this is the only thing they share.
 */
export interface MountOptions {
  /** The element's shadow root: everything the chat draws goes in here. */
  root: ShadowRoot;
  /** The loader's launcher button: focus returns to it when the panel closes. */
  launcher: HTMLButtonElement;
  /** Absolute URL of the web API (the script tag's data-api). */
  api: string;
  /** Absolute URL of widget.js: widget-config.json is looked for next to it. */
  scriptUrl: string;
  /** The script tag's data attributes (Cognito settings may be given there). */
  settings: Readonly<Record<string, string | undefined>>;
  /** Called whenever the panel opens or closes, so the launcher can reflect it. */
  onToggle: (open: boolean) => void;
}

export interface ChatController {
  /** Opens the panel; moves focus into it unless restoring after a reload. */
  open(options: { focus: boolean }): void;
  /** Closes the panel and returns focus to the launcher. */
  close(): void;
  readonly isOpen: boolean;
}

export type Mount = (options: MountOptions) => ChatController;

/** sessionStorage key marking the panel open, so a reload restores it. */
export const OPEN_KEY = 'bloodbank-chat:open';

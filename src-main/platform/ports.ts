/**
 * Ports: how host-only capabilities (the OS keychain, notifications, the system
 * browser, power events, time) reach the core. Each host provides one file per
 * port under platform/electron or platform/node; the core never asks which.
 */
export interface Clock {
  now(): Date;
}

export interface OpenExternal {
  /** Opens an http(s) address in the system browser. */
  open(url: string): Promise<void>;
}

export interface SystemNotification {
  title: string;
  body: string;
  /** What clicking it should open, for hosts that support it. */
  action?: 'open-sync-log' | 'reconnect';
}

export interface Notifier {
  notify(notification: SystemNotification): void;
}

/** Secrets live only in the OS keychain. Implementations never log values. */
export interface SecretStore {
  /** Where tokens live: the OS keychain unless the demo keeps the sandbox's in memory (absent = keychain). */
  readonly kept?: 'keychain' | 'memory';
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

export interface PowerEvents {
  onResume(listener: () => void): () => void;
}

export interface AppWindow {
  /** Brings the app to the front, e.g. when the QuickBooks sign-in returns. */
  focus(): void;
}

export interface FolderOpener {
  /** Shows a folder in the system's file manager. */
  open(path: string): Promise<void>;
}

/** Hands a file to the person at the computer (Electron: shell and the save dialog). */
export interface FileHandoff {
  /** Opens a file (a temporary copy named as staff know it) with the system's default app. */
  openWithDefaultApp(path: string): Promise<void>;
  /** Asks where to save `bytes` (a save dialog); resolves to the path written, or null if cancelled. */
  saveAs(suggestedName: string, bytes: Uint8Array): Promise<string | null>;
}

/** Where table column widths and sort are remembered (Electron: electron-store). */
export interface LayoutStore {
  read(table: string): unknown;
  write(table: string, layout: { columnWidths: Record<string, number>; sort: unknown }): void;
}

export interface Ports {
  clock: Clock;
  openExternal: OpenExternal;
  notifier: Notifier;
  secrets: SecretStore;
  /**
   * The shared database's password (keychain service "EquineOps Database",
   * account user@host:port/database); tests pass a memory store.
   */
  databaseSecrets: SecretStore;
  power: PowerEvents;
  window: AppWindow;
  /** Absent in the browser host: a web page cannot open a folder, so it shows the path. */
  folders?: FolderOpener;
  /** Absent in the browser host: the page downloads the file instead. */
  files?: FileHandoff;
  /** Absent in the browser host: the core keeps layouts in a file in the data folder. */
  layout?: LayoutStore;
}

// Turning any failure into a Russian message a curator can act on.

import { SchemaError } from "../domain/table";

/** An error whose message is already written for the curator, in Russian. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserError";
  }
}

const KNOWN: readonly [RegExp, string][] = [
  [
    /Service invoked too many times|Too many simultaneous invocations|Rate Limit Exceeded/i,
    "Google временно ограничил число обращений к таблице. Подождите минуту и повторите — уже сделанное не потеряется.",
  ],
  [
    /Exceeded maximum execution time/i,
    "Действие не уложилось в 6 минут, отведённые Google. Запустите его ещё раз: оно продолжит с того места, где остановилось.",
  ],
  [
    /Lock timeout|another process was holding the lock/i,
    "Книга занята другим действием надстройки. Повторите через минуту.",
  ],
  [
    /trying to edit a protected cell or object|protected cell/i,
    "Лист защищён: изменять базы с персональными данными могут только владелец таблицы, куратор и люди из настройки «Кто ещё может изменять базы». Попросите куратора добавить вас туда и заново запустить «Настроить книгу».",
  ],
  [
    /Authorization is required|You do not have permission|Access denied/i,
    "У надстройки нет нужного разрешения. Откройте меню «Наставничество» ещё раз и подтвердите доступ.",
  ],
  [
    /Service Spreadsheets failed|Service error|We're sorry, a server error occurred/i,
    "Сервис Google Таблиц временно недоступен. Повторите через несколько минут.",
  ],
];

/**
 * An unexpected service message may quote a participant's address or phone; what the curator
 * sees (and Apps Script logs with an uncaught error) keeps neither.
 */
export function maskPersonal(text: string): string {
  return text
    .replace(/[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[^\s@<>()"',;:]+/g, "[адрес скрыт]")
    .replace(/\+?\d[\d\s()-]{8,}\d/g, (m) => {
      const digits = m.replace(/\D/g, "").length;
      return digits >= 10 && digits <= 15 ? "[номер скрыт]" : m;
    });
}

/** The message to show: Russian errors as they are, known Google errors translated. */
export function userMessage(error: unknown): string {
  if (error instanceof UserError || error instanceof SchemaError) return error.message;
  const raw = error instanceof Error ? error.message : String(error);
  for (const [re, message] of KNOWN) if (re.test(raw)) return message;
  const text = maskPersonal(raw);
  if (/[а-яё]/i.test(raw)) return text;
  return `Непредвиденная ошибка: ${text}. Действие прервано; данные, записанные до ошибки, сохранены. Сообщите разработчикам текст ошибки.`;
}

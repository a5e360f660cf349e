/** Limits shared by the API's validation and the web forms, so both say the same thing. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
export const NAME_MAX_LENGTH = 200;
export const EMAIL_MAX_LENGTH = 254;
export const TOKEN_NAME_MAX_LENGTH = 100;
export const SEARCH_MAX_LENGTH = 100;

export const queryKeys = {
  devUsers: ["dev-users"] as const,
};

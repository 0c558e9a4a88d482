// Renders /api/v1/openapi.json with Swagger UI (loaded by index.html from its WebJar, as window.SwaggerUIBundle).
window.SwaggerUIBundle({
  url: '/api/v1/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  showExtensions: true,
  // Try-it-out sends the session cookie of a signed-in browser, as the admin screens do.
  withCredentials: true,
  validatorUrl: null,
});

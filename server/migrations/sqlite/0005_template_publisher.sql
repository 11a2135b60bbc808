-- Who published each template version: the token's subject, or 'built-in' for the
-- templates the server ships. Versions published before this column have none (NULL).
ALTER TABLE templates ADD COLUMN published_by TEXT;

"""Invitations: a client answers the questionnaire of one project through an unguessable link."""

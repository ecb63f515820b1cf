DROP TABLE player_weapons;
DROP TABLE player_profiles;

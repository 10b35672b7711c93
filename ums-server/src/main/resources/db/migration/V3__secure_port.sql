-- The port an OS 11 device serves secure VNC on, as its agent last reported it.
ALTER TABLE device ADD COLUMN secure_port INTEGER;
